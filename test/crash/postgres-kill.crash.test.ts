import { describeKillBattery } from './kill-battery.ts';

describeKillBattery({ kind: 'postgres' });
