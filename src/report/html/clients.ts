import type { ClientHealth, ClientStatus, StatusReport } from '../../status/classify.js';
import { anchor, esc, none, section } from './escape.js';

const LABEL: Record<ClientHealth, string> = { healthy: '✔ healthy', onboarding: '○ onboarding', 'needs-attention': '⚠ needs attention' };

/** The status pill: its words carry the meaning, the colour only repeats it. */
export function badge(status: ClientHealth): string {
  return `<span class="badge ${status}">${esc(LABEL[status])}</span>`;
}

function reasons(client: ClientStatus): string {
  const items = [...client.attention, ...client.waiting];
  return items.length === 0 ? '' : `<ul>${items.map((item) => `<li>${esc(item)}</li>`).join('')}</ul>`;
}

function card(client: ClientStatus): string {
  return (
    `<li class="client" data-client="${esc(client.client)}"><h3>${esc(client.name)} <span class="muted">(${esc(client.client)})</span></h3>` +
    `${badge(client.status)}${reasons(client)}` +
    `<a class="more" href="#${esc(anchor('access', client.client))}">Who has access →</a></li>`
  );
}

/** Every client and where it stands, with what needs attention and why. */
export function clientsSection(report: StatusReport): string {
  const counts = (['healthy', 'onboarding', 'needs-attention'] as const).map((status) => `${report.clients.filter((client) => client.status === status).length} ${LABEL[status].slice(2)}`);
  const summary = `<p>${esc(`${report.clients.length} clients: ${counts.join(', ')}.`)}</p>`;
  const list = report.clients.length === 0 ? none('No client files.') : `<ul class="clients">${report.clients.map(card).join('')}</ul>`;
  const organisation =
    report.organisation.length === 0 ? '' : `<h3>Outside any client</h3><ul class="plain">${report.organisation.map((item) => `<li>${esc(item)}</li>`).join('')}</ul>`;
  return section('clients', 'Clients', summary + list + organisation);
}
