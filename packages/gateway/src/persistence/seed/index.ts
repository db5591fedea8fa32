export { busiestAgency } from './busiest-agency.ts';
export { type SeedDemoOptions, seedDemo } from './demo.ts';
export {
  type GeneratedSeed,
  generateSeed,
  SEED_MUNICIPALITY_CODES,
  type SeedCase,
  type SeedOptions,
  seedCases,
} from './generate.ts';
export { type SeedWriteReport, type WriteSeedOptions, writeSeed } from './write.ts';
