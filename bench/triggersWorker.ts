/** One share of the trigger benchmark's Zaps, in its own process: `tsx bench/triggersWorker.ts <options json> <out file>`. */
import { writeFileSync } from 'node:fs';
import { simulate, type SimulationOptions } from './simulation';

const [optionsJson, out] = process.argv.slice(2);
const options = JSON.parse(optionsJson) as SimulationOptions;
simulate({ ...options, onProgress: (day) => day % 10 === 0 && console.error(`  worker: day ${day} of ${options.days} simulated`) })
  .then((result) => writeFileSync(out, JSON.stringify({ ...result, cpuSeconds: process.cpuUsage().user / 1e6 })))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
