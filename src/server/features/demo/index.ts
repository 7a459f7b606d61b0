/** What other features may use of demo: its public entry (.dependency-cruiser.cjs checks that they use nothing else). */
export { DEMO_OWNER, seedDemo, seedDemoIfEmpty } from './seed-demo.ts';
