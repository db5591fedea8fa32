import { walkACase } from './walk-a-case.ts';

await walkACase((line) => console.log(line));
