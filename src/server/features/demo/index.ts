/** The public entry of demo: what other features, http/ and cli/ may use of it (.dependency-cruiser.cjs refuses any other way in). */
export { DEMO_ATTACKER_PLACES, DEMO_PLACES } from './demo-places.ts';
export { DEMO_USER_AGENTS } from './demo-user-agents.ts';
export { DEMO_MEMBER_PASSWORD, DEMO_OWNER, seedDemo, seedDemoIfEmpty } from './seed-demo.ts';
