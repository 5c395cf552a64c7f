import type { ClientStatus } from '../../status/classify.js';
import { cellWhy, type AccessCell, type AccessMatrix, type MatrixPerson, type MatrixResource } from '../access.js';
import { badge } from './clients.js';
import { anchor, esc, none } from './escape.js';

/**
 * A level that opens to where it comes from: `<details>` opens on a tap or a click and
 * `title` shows on hover, so neither needs script.
 */
function cellHtml(person: MatrixPerson, resource: MatrixResource, cell: AccessCell | undefined): string {
  if (!cell) return `<td class="cell" data-resource="${esc(resource.key)}"><span class="muted" aria-label="no access">·</span></td>`;
  const why = cellWhy(cell);
  const label = `${person.key} on ${resource.key}: ${cell.level}`;
  return (
    `<td class="cell" data-resource="${esc(resource.key)}"><details class="why"><summary title="${esc(why)}" aria-label="${esc(label)}">${esc(cell.level)}</summary>` +
    `<div class="source">${esc(why)}</div></details></td>`
  );
}

function head(resource: MatrixResource): string {
  const mode = resource.mode === 'verify' ? ', the client owns it' : '';
  return `<th scope="col" title="${esc(`${resource.kind} ${resource.ref}`)}">${esc(resource.key)}<small>${esc(`${resource.kind}${mode}`)}</small></th>`;
}

function row(matrix: AccessMatrix, person: MatrixPerson): string {
  const until = person.until ? `, until ${person.until}` : '';
  const who = `<th scope="row">${esc(person.key)}<small class="side">${esc(`${person.side}, ${person.email}${until}`)}</small></th>`;
  const cells = matrix.resources.map((resource) => cellHtml(person, resource, person.cells[resource.key])).join('');
  return `<tr class="${person.side}-side" data-person="${esc(person.key)}">${who}${cells}</tr>`;
}

/** One client's people × resources: the level in each cell, and where it comes from. */
export function matrixSection(matrix: AccessMatrix, status: ClientStatus | undefined): string {
  const id = anchor('access', matrix.client);
  const title = `<h2 id="${esc(id)}-h">${esc(matrix.name)} <span class="muted">(${esc(matrix.client)})</span> ${status ? badge(status.status) : ''}</h2>`;
  const source = `<p class="muted">${esc(`${matrix.file}: ${matrix.people.length} people × ${matrix.resources.length} resources. Tap a level for where it comes from.`)}</p>`;
  if (matrix.people.length === 0 || matrix.resources.length === 0) return `<section id="${esc(id)}" aria-labelledby="${esc(id)}-h">${title}${source}${none('Nobody has access.')}</section>`;
  const headRow = `<tr><th scope="col">person</th>${matrix.resources.map(head).join('')}</tr>`;
  const body = matrix.people.map((person) => row(matrix, person)).join('');
  const tableHtml = `<div class="scroll" tabindex="0"><table class="matrix" aria-label="${esc(`Access to ${matrix.name}`)}"><thead>${headRow}</thead><tbody>${body}</tbody></table></div>`;
  return `<section id="${esc(id)}" class="matrix-section" aria-labelledby="${esc(id)}-h">${title}${source}${tableHtml}</section>`;
}
