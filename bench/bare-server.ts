// A bare Fastify server rendering Divert's home page layout with no database, no session lookup and no audit:
// the ceiling the benchmark compares Divert's own pages with. Started by bench/run.ts; PORT sets its port.
import Fastify from 'fastify';
import { createViews } from '../src/web/views.js';
import { navigationFor } from '../src/web/navigation.js';
import { ROLE_LABELS } from '../src/domain/roles.js';

const views = createViews();
const grant = { role: 'practitioner', serviceId: 'a', siteId: null };
const context = {
  title: 'Home',
  grant,
  service: { name: 'Greyhaven Liaison and Diversion Service' },
  sites: [{ id: 'b', name: 'Greyhaven Central custody suite', code: 'N05-CS1' }],
  site: null,
  session: { displayName: 'Amira Ashdown', username: 'practitioner', grants: [grant], activeGrant: grant, secondsUntilIdleTimeout: 1800 },
  roleLabel: ROLE_LABELS.practitioner,
  navigation: navigationFor('practitioner').map((item) => ({ ...item, current: item.href === '/' })),
  csrfToken: 'x'.repeat(43),
  csrfField: '_csrf',
  currentUrl: '/',
  idleTimeoutMinutes: 30,
  idleWarningSeconds: 1500,
};

const app = Fastify({ logger: false });
app.get('/', async (_request, reply) => reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(views.render('pages/home/index.njk', context)));
await app.listen({ port: Number(process.env.PORT ?? 3999), host: '127.0.0.1' });
console.log('listening');
