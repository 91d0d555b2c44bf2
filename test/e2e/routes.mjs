// The replica console route table shared by the e2e tests and `npm run demo` (scripts/demo.mjs).
// Keys: `host + pathname` on the REAL console hostnames (query ignored; a trailing `*` is a path prefix).
// Values: fixture paths relative to test/fixtures/.

/** @type {Readonly<Record<string, string>>} */
export const DEFAULT_ROUTES = Object.freeze({
  'billing-cost.console.aliyun.com/renew/manual': 'aliyun/renew-manual.zh.new.html',
  'usercenter2.aliyun.com/renew/manual': 'aliyun/renew-manual.zh.legacy.html',
  'usercenter2-intl.console.alibabacloud.com/renew/manual': 'aliyun/renew-manual.en.intl.html',
  'billing-cost.console.alibabacloud.com/renew/manual': 'aliyun/renew-manual.en.new.html',
  'home.console.aliyun.com/*': 'aliyun/console-home.zh.html',
  'console.cloud.tencent.com/account/renewal': 'tencent/renewal.zh.html',
  'console.aws.amazon.com/billing/home': 'aws/billing-bills.en.html',
  'billing-cost.console.aliyun.com/refund/': 'aliyun/refund.zh.new.html',
  'ecs.console.aliyun.com/server/region/cn-hangzhou': 'aliyun/ecs-instances.zh.html',
  'ecs.console.aliyun.com/disk/region/cn-hangzhou': 'aliyun/ecs-disks.zh.html',
  'console.cloud.tencent.com/cvm/instance/index': 'tencent/cvm-instances.zh.html',
  'console.cloud.tencent.com/cvm/eip': 'tencent/eip-list.zh.html',
  'us-east-1.console.aws.amazon.com/ec2/home': 'aws/ec2-instances.en.new.html',
  'us-east-1.console.aws.amazon.com/cloudwatch/home': 'aws/cloudwatch-log-groups.en.html',
});

/**
 * Pages the demo opens (one tab each); `name` is the screenshot file name (demo-screenshots/<name>.png).
 * @typedef {{ readonly name: string, readonly url: string, readonly title: string }} DemoPage
 * @type {ReadonlyArray<DemoPage>}
 */
export const DEMO_PAGES = Object.freeze([
  {
    name: 'aliyun-renew-manual-zh-new',
    url: 'https://billing-cost.console.aliyun.com/renew/manual',
    title: 'Aliyun 续订管理 (new console, zh)',
  },
  {
    name: 'aliyun-renew-manual-zh-legacy',
    url: 'https://usercenter2.aliyun.com/renew/manual',
    title: 'Aliyun 续费管理 (legacy user center, zh)',
  },
  {
    name: 'alibabacloud-renew-manual-en-intl',
    url: 'https://usercenter2-intl.console.alibabacloud.com/renew/manual',
    title: 'Alibaba Cloud renewal (intl user center, en)',
  },
  {
    name: 'alibabacloud-renew-manual-en-new',
    url: 'https://billing-cost.console.alibabacloud.com/renew/manual',
    title: 'Alibaba Cloud renewal (new console, en)',
  },
  { name: 'aliyun-console-home-zh', url: 'https://home.console.aliyun.com/', title: 'Aliyun console home (zh)' },
  {
    name: 'tencent-renewal-zh',
    url: 'https://console.cloud.tencent.com/account/renewal',
    title: 'Tencent Cloud 续费管理 (zh)',
  },
  {
    name: 'aws-billing-bills-en',
    url: 'https://console.aws.amazon.com/billing/home',
    title: 'AWS Billing — Bills (en)',
  },
  { name: 'aliyun-refund-zh', url: 'https://billing-cost.console.aliyun.com/refund/', title: 'Aliyun 资源退订 (zh)' },
  {
    name: 'aliyun-ecs-instances-zh',
    url: 'https://ecs.console.aliyun.com/server/region/cn-hangzhou',
    title: 'Aliyun ECS instances (pay-as-you-go release, zh)',
  },
  {
    name: 'aliyun-ecs-disks-zh',
    url: 'https://ecs.console.aliyun.com/disk/region/cn-hangzhou',
    title: 'Aliyun ECS disks (what keeps billing, zh)',
  },
  {
    name: 'tencent-cvm-instances-zh',
    url: 'https://console.cloud.tencent.com/cvm/instance/index?rid=1',
    title: 'Tencent Cloud CVM instances (更多 › 实例状态 › 销毁/退还, zh)',
  },
  { name: 'tencent-eip-list-zh', url: 'https://console.cloud.tencent.com/cvm/eip', title: 'Tencent Cloud EIPs (zh)' },
  {
    name: 'aws-ec2-instances-en',
    url: 'https://us-east-1.console.aws.amazon.com/ec2/home?region=us-east-1#Instances:v=3',
    title: 'AWS EC2 instances (Instance state › Terminate)',
  },
  {
    name: 'aws-cloudwatch-log-groups-en',
    url: 'https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:log-groups',
    title: 'AWS CloudWatch log groups',
  },
]);
