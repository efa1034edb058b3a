import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ROLES, administersService, grantProblems, isRole, refusalStatus, seesClinicalDetail } from './roles.js';

test('every role of the domain is known, and nothing else is', () => {
  assert.equal(ROLES.length, 8);
  for (const role of ROLES) assert.ok(isRole(role));
  assert.equal(isRole('superuser'), false);
  assert.equal(isRole(undefined), false);
});

test('only the L&D team sees clinical detail', () => {
  const clinical = ROLES.filter(seesClinicalDetail);
  assert.deepEqual(clinical, ['practitioner', 'support_worker', 'team_manager']);
});

test('custody and court staff must be tied to a site', () => {
  const problems = grantProblems({ role: 'custody_court_staff', serviceId: 's', siteId: null, partnerOrganisationId: null });
  assert.deepEqual(problems, ['Select the custody suite or court this person works at']);
  assert.deepEqual(grantProblems({ role: 'custody_court_staff', serviceId: 's', siteId: 'x', partnerOrganisationId: null }), []);
});

test('partner workers must be tied to a partner organisation, and only they', () => {
  assert.deepEqual(grantProblems({ role: 'partner_worker', serviceId: 's', siteId: null, partnerOrganisationId: null }), [
    'Select the partner organisation this person works for',
  ]);
  assert.deepEqual(grantProblems({ role: 'practitioner', serviceId: 's', siteId: null, partnerOrganisationId: 'p' }), [
    'A practitioner is not tied to a partner organisation',
  ]);
});

test('every role but administrator needs a service', () => {
  for (const role of ROLES) {
    const problems = grantProblems({ role, serviceId: null, siteId: role === 'custody_court_staff' ? 'x' : null, partnerOrganisationId: role === 'partner_worker' ? 'p' : null });
    assert.equal(problems.includes('Select the service this role is for'), role !== 'administrator', role);
  }
});

test('an administrator without a service administers every service; with one, only that one', () => {
  const everywhere = { role: 'administrator' as const, serviceId: null, siteId: null, partnerOrganisationId: null };
  const one = { ...everywhere, serviceId: 'a' };
  assert.ok(administersService(everywhere, 'b'));
  assert.ok(administersService(one, 'a'));
  assert.equal(administersService(one, 'b'), false);
  assert.equal(administersService({ ...one, role: 'team_manager' }, 'a'), false);
});

test('a refused address naming a record is "not found" outside the team, "forbidden" within it; other addresses are forbidden', () => {
  for (const role of ROLES) {
    const outside = !['practitioner', 'support_worker', 'team_manager'].includes(role);
    assert.equal(refusalStatus(role, true), outside ? 404 : 403, role);
    assert.equal(refusalStatus(role, false), 403, role);
  }
});
