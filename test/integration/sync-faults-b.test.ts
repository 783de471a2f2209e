import { describe } from 'vitest';
import { faultSeeds } from './sync-faults';

describe('sync under faults (seeded), second half', () => faultSeeds(1, 2));
