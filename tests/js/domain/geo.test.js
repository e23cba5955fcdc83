import { test } from 'node:test';
import assert from 'node:assert/strict';
import { haversineMetres, visitDistance, proposedFix, hasPoint, FAR_M } from '../../../pwa/js/domain/geo.js';

// 凉城新村 and a point 0.001° of latitude north of it (about 111 m).
const HOME = { lat: 31.2712, lng: 121.5227 };

test('a thousandth of a degree of latitude is about 111 metres', () => {
  const m = haversineMetres(HOME, { lat: HOME.lat + 0.001, lng: HOME.lng });
  assert.ok(Math.abs(m - 111.2) < 0.5, String(m));
  assert.equal(haversineMetres(HOME, HOME), 0);
});

test('Shanghai to Beijing is about 1,067 km', () => {
  const m = haversineMetres({ lat: 31.2304, lng: 121.4737 }, { lat: 39.9042, lng: 116.4074 });
  assert.ok(Math.abs(m - 1_067_000) < 3_000, String(m));
});

test('a visit over 500 m from its household is far; one at the door is not', () => {
  assert.deepEqual(visitDistance({ lat: HOME.lat + 0.0002, lng: HOME.lng }, HOME), { metres: 22, far: false });
  const away = visitDistance({ lat: HOME.lat + 0.01, lng: HOME.lng }, HOME);
  assert.ok(away && away.far && away.metres > FAR_M);
  assert.equal(visitDistance({ lat: null, lng: null }, HOME), null);
  assert.equal(visitDistance(HOME, { lat: null, lng: null }), null);
});

test('the first visit with a fix good to 100 m is proposed, only while the household has none', () => {
  const visits = [
    { id: 'late', lat: 31.27, lng: 121.52, accuracy_m: 15, occurred_at: '2026-11-02T02:00:00Z' },
    { id: 'vague', lat: 31.27, lng: 121.52, accuracy_m: 400, occurred_at: '2026-10-01T02:00:00Z' },
    { id: 'first', lat: 31.27, lng: 121.52, accuracy_m: 60, occurred_at: '2026-10-20T02:00:00Z' },
    { id: 'nofix', lat: null, lng: null, accuracy_m: null, occurred_at: '2026-09-01T02:00:00Z' },
  ];
  assert.equal(proposedFix({ lat: null, lng: null }, visits)?.id, 'first');
  assert.equal(proposedFix(HOME, visits), null);
  assert.equal(proposedFix({}, [visits[1]]), null);
  assert.equal(hasPoint({ lat: 91, lng: 0 }), false);
});
