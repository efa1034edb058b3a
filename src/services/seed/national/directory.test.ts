import { test } from 'node:test';
import assert from 'node:assert/strict';
import { profileProblems } from '../profiles.js';
import { NATIONAL_AREAS, nationalProfile, practitionersFor } from './directory.js';
import { nationalVolumes } from './volumes.js';
import { placeholderPdfBase64 } from './justice-sql.js';

const profile = nationalProfile();

test('national: 26 services, about 200 sites of every kind, eight partners each', () => {
  assert.equal(profile.services.length, 26);
  assert.equal(new Set(NATIONAL_AREAS.map((a) => a.code)).size, 26);
  const sites = profile.services.flatMap((s) => s.sites);
  assert.ok(sites.length >= 190 && sites.length <= 230, `${sites.length} sites`);
  for (const kind of ['custody_suite', 'police_station', 'magistrates_court', 'youth_court', 'crown_court', 'community_base'])
    assert.ok(sites.some((s) => s.siteKind === kind), kind);
  assert.equal(new Set(sites.map((s) => s.code)).size, sites.length, 'site codes are unique across the installation');
  for (const service of profile.services) {
    assert.equal(service.partners.length, 8);
    assert.ok(service.sites.some((s) => s.siteKind === 'custody_suite') && service.sites.some((s) => s.siteKind === 'magistrates_court'), service.code);
  }
  const phones = profile.services.flatMap((s) => s.partners.map((p) => p.contactPhone));
  assert.equal(new Set(phones).size, phones.length, 'partner phone numbers are unique');
});

test('national: a manager, practitioners and a commissioner in every service, and one commissioner of all 26', () => {
  assert.deepEqual(profileProblems(profile), []);
  for (const service of profile.services) {
    const roles = profile.users.flatMap((u) => u.grants.filter((g) => g.service === service.code).map((g) => g.role));
    for (const role of ['team_manager', 'practitioner', 'commissioner'] as const) assert.ok(roles.includes(role), `${service.code} has a ${role}`);
  }
  const national = profile.users.find((u) => u.username === 'commissioner')!;
  assert.deepEqual(national.grants.map((g) => g.service).sort(), profile.services.map((s) => s.code).sort());
  assert.ok(national.grants.every((g) => g.role === 'commissioner'));
});

test('national: each service has practitioners for its work, 20 to 40 open 12-week cases each at national volume, and no two staff share a name', () => {
  const { casesPerYear } = nationalVolumes(1);
  const totalWeight = NATIONAL_AREAS.reduce((sum, a) => sum + a.weight, 0);
  for (const area of NATIONAL_AREAS) {
    const practitioners = profile.users.filter((u) => u.username.startsWith(`${area.code}.`) && u.grants.some((g) => g.role === 'practitioner'));
    assert.equal(practitioners.length, practitionersFor(area.weight), area.code);
    const openAtOnce = ((casesPerYear * area.weight) / totalWeight) * (84 / 365);
    const each = openAtOnce / practitioners.length;
    assert.ok(each >= 20 && each <= 40, `${area.code}: ${each.toFixed(1)} open cases a practitioner`);
  }
  assert.equal(practitionersFor(0.01), 3, 'at least three');
  const names = profile.users.map((u) => u.displayName);
  assert.equal(new Set(names).size, names.length);
});

test('the placeholder court report is a well-formed one-page PDF whose cross-reference offsets point at its objects', () => {
  const pdf = Buffer.from(placeholderPdfBase64(), 'base64').toString('latin1');
  assert.match(pdf, /^%PDF-1\.4\n/);
  assert.match(pdf, /%%EOF\n$/);
  const startxref = Number(/startxref\n(\d+)\n/.exec(pdf)![1]);
  assert.equal(pdf.slice(startxref, startxref + 4), 'xref');
  const offsets = [...pdf.matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
  assert.equal(offsets.length, 5);
  offsets.forEach((o, i) => assert.equal(pdf.slice(o, o + `${i + 1} 0 obj`.length), `${i + 1} 0 obj`));
});
