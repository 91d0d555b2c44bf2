// The unit suite on other clocks: 400 days ahead (libfaketime) and in two time zones far from UTC.
// A test that reads the real date, the machine's zone or its locale fails here, not a week after
// it was written. CI runs this after `npm test` (.ci/run); locally: `npm run test:clocks`.
import { spawnSync } from 'node:child_process';

const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
if (!has('faketime')) {
  console.error('test:clocks needs faketime (Debian/Ubuntu: apt-get install -y faketime).');
  process.exit(1);
}

const vitest = ['npx', 'vitest', 'run', '--project', 'unit', '--reporter', 'dot'];
const runs = [
  { name: 'clock +400 days', command: ['faketime', '-f', '+400d', ...vitest], env: {} },
  { name: 'TZ=America/Los_Angeles', command: vitest, env: { TZ: 'America/Los_Angeles' } },
  { name: 'TZ=Asia/Shanghai, LANG=zh_CN.UTF-8', command: vitest, env: { TZ: 'Asia/Shanghai', LANG: 'zh_CN.UTF-8' } },
];
for (const run of runs) {
  console.log(`\n== unit tests, ${run.name}`);
  const [bin, ...args] = run.command;
  const result = spawnSync(bin, args, { stdio: 'inherit', env: { ...process.env, ...run.env } });
  if (result.status !== 0) {
    console.error(`unit tests failed with ${run.name}`);
    process.exit(result.status ?? 1);
  }
}
