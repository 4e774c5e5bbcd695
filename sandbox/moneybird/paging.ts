import type { SandboxRequest, SandboxResponse } from '../http';
import { MoneybirdError } from './store';

const PER_PAGE_DEFAULT = 50;
const PER_PAGE_MAX = 100;

/** One page of a list (`page` from 1, `per_page` at most 100), with the Link header Moneybird sends for the next and previous pages. */
export const paged = (req: SandboxRequest, items: unknown[]): SandboxResponse => {
  const perPageRaw = req.query.get('per_page');
  const pageRaw = req.query.get('page');
  const perPage = perPageRaw === null ? PER_PAGE_DEFAULT : Number(perPageRaw);
  const page = pageRaw === null ? 1 : Number(pageRaw);
  if (!/^\d+$/.test(perPageRaw ?? '1') || !(perPage >= 1 && perPage <= PER_PAGE_MAX)) throw new MoneybirdError(400, 'per_page does not have a valid value');
  if (!/^\d+$/.test(pageRaw ?? '1') || page < 1) throw new MoneybirdError(400, 'page does not have a valid value');
  const link = (to: number) => {
    const url = new URL(req.url.href);
    url.searchParams.set('page', String(to));
    url.searchParams.set('per_page', String(perPage));
    return `<${url.pathname}${url.search}>`;
  };
  const links = [...(page * perPage < items.length ? [`${link(page + 1)}; rel="next"`] : []), ...(page > 1 ? [`${link(page - 1)}; rel="prev"`] : [])];
  return {
    status: 200,
    body: items.slice((page - 1) * perPage, page * perPage),
    headers: { 'Content-Type': 'application/json', 'X-Total-Count': String(items.length), ...(links.length ? { Link: links.join(', ') } : {}) },
  };
};
