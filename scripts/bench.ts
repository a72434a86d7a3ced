// `npm run bench`: figures printed next to a reference measured in the same run, never asserted.
// A thin runner: each area's benchmark lives in scripts/bench/.
import { benchExplain } from './bench/explain';
import { benchOAuth } from './bench/oauth';
import { benchStorage } from './bench/storage';
import { benchBroker } from './bench/broker';
import { benchAdvisor } from './bench/advisor';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);

await benchStorage();
await benchOAuth(RUNS);
await benchExplain();
await benchAdvisor();
await benchBroker();
