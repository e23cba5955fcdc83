/**
 * The events feature's screens and sections, for every role (see `./index.js` for what each
 * list means): staff list, create and open events, take attendance (a list or the graduates'
 * QR passes) and invite the people the matching suggests; the candidates of a vacancy
 * (`#/jobs/:id/candidates`, linked from a vacancy); graduates browse upcoming events, sign up
 * and show their pass; a person's file lists their events, Today the coming week's; the board
 * shows the period's events and what came of them.
 */
import { eventsList, newEvent } from '../events/staff.js';
import { eventDetail } from '../events/detail.js';
import { scanPasses } from '../events/scan.js';
import { jobCandidates } from '../events/candidates.js';
import { myEvents, myEvent, homeEvents } from '../events/graduate.js';
import { eventsBoard } from '../events/board.js';
import { personEvents, todayEvents } from '../events/sections.js';

/** @type {import('./index.js').Feature} */
export default {
  helperRoutes: [
    { path: '/events', view: eventsList, live: true },
    { path: '/events/new', view: newEvent },
    { path: '/events/:id', view: eventDetail, live: true },
    { path: '/events/:id/scan', view: scanPasses },
    { path: '/jobs/:id/candidates', view: jobCandidates, live: true },
  ],
  clientRoutes: [
    { path: '/events', view: myEvents, live: true },
    { path: '/events/:id', view: myEvent, live: true },
  ],
  helperLinks: [{ href: '#/events', key: 'ev_title' }],
  boardLinks: [{ href: '#/events', key: 'ev_title' }],
  clientNav: [{ href: '#/events', key: 'ev_title' }],
  fileSections: [personEvents],
  todaySections: [todayEvents],
  homeSections: [homeEvents],
  boardSections: [eventsBoard],
};
