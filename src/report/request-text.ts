import type { AccessRequest } from '../model/plan.js';
import { plural } from '../text.js';
import { asksSomething, greetingNames, sentence, unreadLabel, type RequestMessage } from './request.js';

function subject(message: RequestMessage): string {
  if (message.todo.length > 0) return `${message.name}: access our team needs on your accounts (${plural(message.todo.length, 'change')} to make)`;
  if (message.waiting.length > 0) return `${message.name}: access to your accounts, waiting for invitations to be accepted`;
  return `${message.name}: access to your accounts is in place`;
}

function todoLines(request: AccessRequest, number: number): string[] {
  const indent = ' '.repeat(String(number).length + 2);
  return [`${number}. ${sentence(request)}.`, `${indent}Why: ${request.reason}.`, ...request.steps.map((step, index) => `${indent}${String.fromCharCode(97 + index)}) ${step}`), ''];
}

/**
 * The request as plain text for an e-mail: a subject line, who it is for, one numbered item
 * per change with the platform's steps, then what is waiting, verified, or not checked.
 */
export function renderRequestText(message: RequestMessage): string {
  const lines = [`Subject: ${subject(message)}`];
  if (message.to.length > 0) lines.push(`To: ${message.to.map((person) => `${person.key} <${person.email}>`).join(', ')}`);
  lines.push('', `Hello ${greetingNames(message)},`, '');
  if (message.todo.length > 0) {
    lines.push(
      `We checked the accounts ${message.name} owns on ${message.date}. Only you can give access to them, so`,
      message.todo.length === 1
        ? 'please make this change; it names the account, the person and the level.'
        : `please make these ${message.todo.length} changes; each names the account, the person and the level.`,
      '',
    );
    message.todo.forEach((request, index) => lines.push(...todoLines(request, index + 1)));
  } else if (asksSomething(message)) {
    lines.push(`We checked the accounts ${message.name} owns on ${message.date}: there is nothing for you to do.`, '');
  } else {
    lines.push(`We checked the accounts ${message.name} owns on ${message.date}: everything is in place, thank you.`, '');
  }
  if (message.waiting.length > 0) {
    lines.push('Waiting for our people to accept your invitation (nothing to do for you):');
    lines.push(...message.waiting.map((request) => `  - ${sentence(request)}.`), '');
  }
  if (message.verified.length > 0) {
    lines.push('Already in place:');
    lines.push(...message.verified.map((request) => `  - ${sentence(request)}.`), '');
  }
  if (message.unverified.length > 0) {
    lines.push('Not checked this time, so we make no claim about them:');
    lines.push(...message.unverified.map((entry) => `  - ${unreadLabel(entry)}`), '');
  }
  if (asksSomething(message)) lines.push('We check again on our next run and tell you what is still missing.', '');
  const signers = message.from.map((person) => `${person.key} <${person.email}>`).join(', ');
  lines.push(signers ? `Thank you,\n${signers}` : 'Thank you.');
  return `${lines.join('\n')}\n`;
}
