import { describe, expect, it } from 'vitest';
import { decideWidgetRequest } from './widget.js';

/**
 * An empty origin list means "nobody may embed the widget", never "anybody may". The page's
 * frame-ancestors would still stop a modern browser, so the decision itself is checked here.
 */
describe('widget origins', () => {
  const framedBy = (origin: string) => ({ fetchDest: 'iframe', origin, referer: `${origin}/page` });

  it('with no allowed origins, a framed request from any site is refused', () => {
    const settings = { widgetEnabled: true, widgetAllowedOrigins: [] };
    expect(decideWidgetRequest(framedBy('https://shop.example.nl'), settings)).toEqual({
      allow: false,
      reason: 'origin-not-allowed',
    });
  });

  it('with no allowed origins, a page opened directly is served without a parent to talk to', () => {
    const settings = { widgetEnabled: true, widgetAllowedOrigins: [] };
    expect(decideWidgetRequest({ fetchDest: 'document', origin: null, referer: 'https://shop.example.nl/' }, settings)).toEqual({
      allow: true,
      parentOrigin: null,
    });
  });
});
