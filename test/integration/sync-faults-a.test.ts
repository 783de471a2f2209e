import { describe } from 'vitest';
import { faultSeeds } from './sync-faults';

describe('sync under faults (seeded), first half', () => faultSeeds(0, 2));
