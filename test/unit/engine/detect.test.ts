import { describe, expect, it } from 'vitest';
import { evaluateDetector } from '../../../engine/detect';
import type { Candidate, Detector } from '../../../rules/schema';
import { htmlDocument } from '../support/fixtures';

describe('evaluateDetector', () => {
  const doc = htmlDocument(
    `<title>续订管理 - 费用与成本</title><nav class="side">费用与成本</nav><main><h1>续订管理</h1><button>设置为不续订</button></main>`,
  );
  it('evaluates exists, text and title', () => {
    const button: Candidate = { type: 'role', role: 'button', name: ['设置为不续订'], why: 'x' };
    expect(evaluateDetector({ type: 'exists', locator: { candidates: [button] } }, doc)).toBe(true);
    expect(evaluateDetector({ type: 'text', css: 'h1', includes: ['续订管理'] }, doc)).toBe(true);
    expect(evaluateDetector({ type: 'text', css: 'h1', includes: ['费用与成本'] }, doc)).toBe(false);
    expect(evaluateDetector({ type: 'text', includes: ['费用与成本'] }, doc)).toBe(true);
    expect(evaluateDetector({ type: 'title', includes: ['续订管理'] }, doc)).toBe(true);
    expect(evaluateDetector({ type: 'title', includes: ['Bills'] }, doc)).toBe(false);
  });
  it('combines with all / any / not', () => {
    const yes: Detector = { type: 'title', includes: ['续订'] };
    const no: Detector = { type: 'title', includes: ['Bills'] };
    expect(evaluateDetector({ type: 'all', of: [yes, no] }, doc)).toBe(false);
    expect(evaluateDetector({ type: 'any', of: [no, yes] }, doc)).toBe(true);
    expect(evaluateDetector({ type: 'not', detector: no }, doc)).toBe(true);
  });
  it('runs named detectors from the engine, not code from rules', () => {
    const zabbix = htmlDocument(
      `<link rel="stylesheet" href="assets/styles/blue-theme.css"><main>Hosts</main><footer>Zabbix 7.0 <a href="https://www.zabbix.com/">© Zabbix SIA</a></footer>`,
    );
    expect(evaluateDetector({ type: 'named', name: 'zabbix-frontend' }, zabbix)).toBe(true);
    expect(evaluateDetector({ type: 'named', name: 'zabbix-frontend' }, doc)).toBe(false);
  });
});
