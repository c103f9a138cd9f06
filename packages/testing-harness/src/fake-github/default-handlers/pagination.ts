import type { FakeRequest } from '../fake-github';

/**
 * One page of `items` per the request's per_page (default 30, max 100) and page, and the Link
 * header GitHub sends (next/last/first/prev), which octokit's paginate follows.
 */
export function paginate<T>(request: FakeRequest, items: readonly T[]): { page: T[]; headers: Record<string, string> } {
  const perPage = Math.min(100, Math.max(1, Number(request.query.per_page ?? 30)));
  const page = Math.max(1, Number(request.query.page ?? 1));
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const link = (n: number, rel: string): string => {
    const url = new URL(request.url.href);
    url.searchParams.set('per_page', String(perPage));
    url.searchParams.set('page', String(n));
    return `<${url.href}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(link(page - 1, 'prev'), link(1, 'first'));
  if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
  return {
    page: items.slice((page - 1) * perPage, page * perPage),
    headers: links.length ? { link: links.join(', ') } : {},
  };
}
