/** A small, valid user pack and a way to change one value deep inside it (tests of pack validation). */
export const text = (s: string) => ({ zh: s, en: s });

/** A small, valid user pack: a new page on the Aliyun console and a guide that uses it. */
export function validPack() {
  return {
    schemaVersion: 1,
    name: 'Team pack',
    providers: [
      {
        id: 'aliyun',
        name: text('Aliyun'),
        kind: 'cloud',
        hosts: ['*.console.aliyun.com'],
        sites: {},
        pages: [
          {
            id: 'team-rds-list',
            title: text('RDS'),
            urls: [{ hosts: ['rdsnext.console.aliyun.com'], path: '^/rdsList' }],
            detect: { type: 'title', includes: ['RDS'] },
            examples: {
              urls: ['https://rdsnext.console.aliyun.com/rdsList/cn-hangzhou/basic'],
              fixtures: ['team/rds.html'],
            },
          },
        ],
      },
    ],
    guides: [
      {
        id: 'team-rds-release',
        provider: 'aliyun',
        title: text('Release RDS'),
        summary: text('Our way of releasing RDS.'),
        billingModel: 'pay-as-you-go',
        difficulty: 'easy',
        verified: '2026-11-26',
        sources: [
          {
            id: 'T1',
            title: 'Team wiki',
            url: 'https://wiki.example.com/rds',
            confidence: 'medium',
            verified: '2026-11-20',
          },
        ],
        steps: [
          {
            id: 'release',
            kind: 'action',
            title: text('Release'),
            body: text('Release it.'),
            pages: ['team-rds-list'],
            anchor: { candidates: [{ type: 'role', role: 'button', name: ['释放'], why: 'the release button' }] },
            sources: ['T1'],
          },
        ],
        checklist: [],
        deadlines: [],
      },
    ],
  };
}

export type Path = (string | number)[];

export function setPath<T>(target: T, path: Path, value: unknown): T {
  let node = target as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1)!] = value;
  return target;
}
