/** What other features may use of throttle: its public entry (.dependency-cruiser.cjs checks that they use nothing else). */
export { createLoginThrottle, type LoginThrottle } from './login-throttle.ts';
