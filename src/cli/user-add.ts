// divert user add: create an account and give it a role, from the command line (e.g. the first administrator).
import crypto from 'node:crypto';
import { openRuntime, parseOptions, UserFacingError } from './runtime.js';
import { isRole, ROLES, type Role } from '../domain/roles.js';
import { ValidationError } from '../services/errors.js';

export const USER_ADD_HELP = `Usage: divert user add --username NAME --name "Full Name" --role ROLE [options]

Creates an account with a role. Without --password a temporary password is made up and printed;
either way the person must choose their own at first sign-in.

Options:
  --username NAME       3-60 letters, numbers, dots, hyphens or underscores
  --name "Full Name"    the person's name as colleagues know it
  --role ROLE           one of ${ROLES.join(', ')}
  --service CODE        the service's code (not needed for an administrator of every service)
  --site CODE           the site, for custody or court staff
  --partner NAME        the partner organisation, for partner workers
  --email ADDRESS       optional
  --password TEXT       optional temporary password (12 characters or more)
  --require-code        require a security code from an authenticator app at sign-in`;

const WORDS = ['amber', 'birch', 'cobalt', 'delta', 'ember', 'fjord', 'granite', 'harbour', 'indigo', 'juniper', 'kestrel', 'lantern', 'meadow', 'nimbus', 'orchard', 'pebble', 'quartz', 'rowan', 'saffron', 'thistle', 'umber', 'willow', 'yarrow', 'zephyr'];
const passphrase = () => Array.from({ length: 4 }, () => WORDS[crypto.randomInt(WORDS.length)]).join('-') + '-' + crypto.randomInt(10, 99);

export async function userAddCommand(args: string[]): Promise<void> {
  const o = parseOptions(args, { username: 'string', name: 'string', role: 'string', service: 'string', site: 'string', partner: 'string', email: 'string', password: 'string', 'require-code': 'boolean' });
  for (const required of ['username', 'name', 'role']) if (typeof o[required] !== 'string') throw new UserFacingError(`--${required} is needed: see --help`);
  if (!isRole(o.role)) throw new UserFacingError(`--role must be one of ${ROLES.join(', ')}`);
  const role: Role = o.role;
  const { services } = await openRuntimeOrFail();
  const origin = { ipAddress: null, userAgent: 'divert user add' };
  const who = { userId: null, username: 'command line' };
  try {
    const all = await services.serviceDirectory.list(null);
    const service = typeof o.service === 'string' ? all.find((s) => s.code === o.service) : undefined;
    if (typeof o.service === 'string' && !service) throw new UserFacingError(`There is no service with code ${o.service}: choose one of ${all.map((s) => s.code).join(', ') || '(none yet)'}`);
    const site = typeof o.site === 'string' && service ? (await services.sites.listForService(service.id)).find((s) => s.code === String(o.site).toUpperCase()) : undefined;
    if (typeof o.site === 'string' && !site) throw new UserFacingError(`There is no site with code ${o.site} in that service`);
    const partner = typeof o.partner === 'string' && service ? (await services.partners.listForService(service.id)).find((p) => p.name === o.partner) : undefined;
    if (typeof o.partner === 'string' && !partner) throw new UserFacingError(`There is no partner organisation called ${o.partner} in that service`);
    const password = typeof o.password === 'string' ? o.password : passphrase();
    const user = await services.users.createUser(
      { username: String(o.username), displayName: String(o.name), email: typeof o.email === 'string' ? o.email : '', password, mustChangePassword: true, totpRequired: o['require-code'] === true },
      who,
      origin,
    );
    await services.users.grantRole(null, user.id, { role, serviceId: service?.id ?? null, siteId: site?.id ?? null, partnerOrganisationId: partner?.id ?? null }, who, origin);
    console.log(`Created ${user.username} (${role}${service ? `, ${service.name}` : ', every service'}).`);
    if (typeof o.password !== 'string') console.log(`Temporary password: ${password}`);
  } catch (error) {
    if (error instanceof ValidationError) throw new UserFacingError(Object.values(error.fieldErrors).join('; '));
    throw error;
  } finally {
    await services_close();
  }

  async function openRuntimeOrFail() {
    const runtime = await openRuntime();
    services_close = () => runtime.handle.close();
    return runtime;
  }
}
let services_close: () => Promise<void> = async () => undefined;
