import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/report/text.js';
import { emptyPlan, samplePlan } from './sample.js';

const ESC = '\u001b[';

describe('renderText', () => {
  const text = renderText(samplePlan(), { color: false });
  const lines = text.split('\n');

  it('groups the changes by client in plan order', () => {
    const changeLines = lines.filter((line) => /^ {2}[+~-] /.test(line)).map((line) => line.trim().split(/\s{2,}/).slice(0, 5).join(' | '));
    expect(changeLines).toEqual([
      '+ grant | drive-folder | 1AbC | dana@apex.com | writer',
      '~ update | github-repo | acme/apex-web | dana-apex | admin -> push',
      '+ grant | github-repo | acme/apex-web | tom-acme | admin',
      '- revoke | github-repo | acme/apex-web | zoe | push',
      '- revoke | github-repo | acme/bloom-site | ken | push',
    ]);
    expect(lines.indexOf('apex')).toBeLessThan(lines.indexOf('bloom'));
    expect(lines.indexOf('bloom')).toBeGreaterThan(lines.findIndex((line) => line.includes(' zoe ')));
  });

  it('aligns the reason column across clients', () => {
    const offsets = ['grant in', 'role client-admin', 'role agency-lead', 'not declared'].flatMap((reason) =>
      lines.filter((line) => /^ {2}[+~-] /.test(line) && line.includes(reason)).map((line) => line.indexOf(reason)),
    );
    expect(offsets.length).toBe(5);
    expect(new Set(offsets).size).toBe(1);
  });

  it('lists held, unread, findings and warnings, then the counts and the fingerprint', () => {
    expect(text).not.toContain('Held, not changed');
    expect(text).toContain('Never touched (guardrails neverTouch):');
    expect(text).toMatch(/acme-bot {2}left as is on 1 resource/);
    expect(text).toContain('1 resource; the plan is incomplete');
    expect(text).toContain('github list collaborators: 500 Internal Server Error');
    expect(text).toMatch(/github {2}jake-freelance {2}outside collaborator/);
    expect(text).toContain('clients/apex.yaml:12:3  finn has no role');
    expect(lines.at(-3)).toBe('2 to grant, 1 to update, 2 to revoke.');
    expect(lines.at(-2)).toBe(`Plan ${samplePlan().fingerprint}`);
  });

  it('uses no ANSI codes without colour', () => {
    expect(text).not.toContain(ESC);
  });

  it.each([
    { mark: '+ grant', code: 32 },
    { mark: '~ update', code: 33 },
    { mark: '- revoke', code: 31 },
  ])('colours $mark with ANSI $code when asked', ({ mark, code }) => {
    const coloured = renderText(samplePlan(), { color: true });
    expect(coloured).toContain(`${ESC}${code}m${mark}`);
    const plain = [0, 1, 31, 32, 33].reduce((result, ansi) => result.replaceAll(`${ESC}${ansi}m`, ''), coloured);
    expect(plain).toBe(text);
  });

  it('says "No changes." for a plan in sync', () => {
    expect(renderText(emptyPlan(), { color: false })).toBe('No changes.\n');
  });
});
