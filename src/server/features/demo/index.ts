/** The public entry of demo: what other features, http/ and cli/ may use of it (.dependency-cruiser.cjs refuses any other way in). */
export { DEMO_OWNER, seedDemo, seedDemoIfEmpty } from './seed-demo.ts';
