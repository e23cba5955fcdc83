import { test } from 'node:test';
import assert from 'node:assert/strict';
import { participantId, passParticipant, MOVES } from '../../../pwa/js/views/events/common.js';

// Made by the server: `records.events.participant_id` and `event_pass.pass_token` (secret
// "test-secret"), so the phone and the server name one row and read one pass.
const EVENT = '11111111-1111-4111-8111-111111111111';
const PERSON = '22222222-2222-4222-8222-222222222222';
const ROW = '0cbd3fcf-9ffb-5275-a996-06ca7c767a52';
const PASS = 'eyJwIjoiMGNiZDNmY2YtOWZmYi01Mjc1LWE5OTYtMDZjYTdjNzY3YTUyIn0.rjfHbgR8H1NW8_kUjIENhSfUCA4';

test('an invitation and a sign-up made apart name the same row as the server', () => {
  assert.equal(participantId(EVENT, PERSON), ROW);
  assert.notEqual(participantId(EVENT, EVENT), ROW);
});

test('a pass names its participant without the secret; anything else names nobody', () => {
  assert.equal(passParticipant(PASS), ROW);
  assert.equal(passParticipant(` ${PASS}`.trim()), ROW);
  assert.equal(passParticipant('https://example.com/not-a-pass'), null);
  assert.equal(passParticipant(''), null);
  assert.equal(passParticipant('eyJwIjoiMTIzIn0.sig'), null); // {"p":"123"}: not an id
});

test('the moves staff and graduates are offered are the registry machine', () => {
  assert.deepEqual(MOVES.invited, ['signed_up', 'declined', 'attended']);
  assert.deepEqual(MOVES.attended, []);
});
