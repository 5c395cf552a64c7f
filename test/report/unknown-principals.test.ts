import { describe, expect, it } from 'vitest';
import { planExitCode } from '../../src/cli/commands/plan.js';
import type { Plan } from '../../src/model/plan.js';
import { renderJson } from '../../src/report/json.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderPlanComment } from '../../src/report/pr-comment.js';
import { renderText } from '../../src/report/text.js';
import { grant, planOf } from '../action/fixtures.js';

const DECLARED = { file: 'clients/apex.yaml', line: 19, column: 3 };

function plan(extra: Partial<Plan>): Plan {
  return planOf([grant('apex', 'acme/web', 'dana-apexx'), grant('apex', 'acme/web', 'sam-apex')], extra);
}

const unknown = plan({ unknownPrincipals: [{ platform: 'github', principal: 'dana-apexx', message: 'GitHub has no user with this login', clients: ['apex'], declared: [DECLARED] }] });
const unchecked = plan({ uncheckedPrincipals: [{ platform: 'github', principal: 'sam-apex', error: 'github resolve: GET /users/sam-apex: 502 Bad Gateway' }] });
const LINE = 'dana-apexx (github, apex): GitHub has no user with this login; declared at clients/apex.yaml:19';

function comment(shown: Plan): string {
  return renderPlanComment({ plan: shown, massRevoke: { exceeded: false, message: '' }, foreignDomains: [], head: 'abc1234', base: 'def5678', reviewedMarker: '', planFileName: 'latch-plan.json' });
}

describe('principals the platforms do not know, in every output', () => {
  it('fails the plan: exit 1, whatever else it holds', () => {
    expect(planExitCode(unknown, false)).toBe(1);
    expect(planExitCode(unchecked, false)).toBe(2);
  });

  it('lists each with its platform, clients and file:line in the text plan', () => {
    const text = renderText(unknown, { color: false });
    expect(text).toContain(`Unknown on the platform (1; these grants would fail at apply: fix the client files):\n  ${LINE}\n`);
    expect(renderText(unchecked, { color: false })).toContain(
      'Could not check on the platform (1; not an error, checked again next run):\n  github  sam-apex  github resolve: GET /users/sam-apex: 502 Bad Gateway',
    );
  });

  it('flags them in the pull-request comment and the job summary, apart from what could not be checked', () => {
    expect(comment(unknown)).toContain(`⛔ **Unknown on the platform: these grants would fail at apply; fix the client files** (1)\n\n- ${LINE}`);
    expect(renderMarkdown(unknown)).toContain('⛔ **Unknown on the platform: these grants would fail at apply; fix the client files** (1)');
    expect(comment(unchecked)).toContain('❔ **Could not check on the platform whether these new people have an account** (1)');
    expect(comment(unchecked)).not.toContain('Unknown on the platform');
  });

  it('carries them in the JSON plan, and no such keys when there are none', () => {
    expect(JSON.parse(renderJson(unknown))).toMatchObject({ unknownPrincipals: [{ principal: 'dana-apexx', declared: [DECLARED] }] });
    expect(Object.keys(JSON.parse(renderJson(planOf([]))) as object)).not.toContain('unknownPrincipals');
  });
});
