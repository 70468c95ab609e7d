import { describe, expect, it } from 'vitest';
import { judgeFollowUp, removedWordingIn } from '../../../src/engine/removal/follow-up';

const base = { httpStatus: 200, text: 'Royal python for sale, 120 EUR', textSha256: 'a', originalTextSha256: 'a' };

describe('judging a listing checked again', () => {
  it.each([
    [{ httpStatus: 404 }, 'removed', 'HTTP 404'],
    [{ httpStatus: 410 }, 'removed', 'HTTP 410'],
    [{ httpStatus: 451 }, 'removed', 'HTTP 451'],
    [{ httpStatus: 500 }, 'inconclusive', 'HTTP 500'],
    [{ httpStatus: 403 }, 'inconclusive', 'HTTP 403'],
    [{}, 'still-online', 'text unchanged (same SHA-256)'],
    [{ textSha256: 'b' }, 'changed', 'text changed (other SHA-256)'],
    [{ httpStatus: null, textSha256: 'b' }, 'changed', 'text changed (other SHA-256)'],
    [{ originalTextSha256: null }, 'changed', 'text changed (other SHA-256)'],
    [
      { text: 'Sorry! This listing is no longer available.', textSha256: 'b' },
      'removed',
      'the page says "this listing is no longer available"',
    ],
    [
      { text: 'Este anuncio ya no está disponible', textSha256: 'b' },
      'removed',
      'the page says "este anuncio ya no esta disponible"',
    ],
    [
      { text: 'Cette annonce a été supprimée', textSha256: 'b' },
      'removed',
      'the page says "cette annonce a ete supprimee"',
    ],
  ])('%o is %s', (change, outcome, reason) => {
    const v = judgeFollowUp({ ...base, ...change });
    expect(v.outcome).toBe(outcome);
    expect(v.reason).toBe(reason);
  });

  it('names a redirect without judging it', () => {
    const moved = {
      ...base,
      textSha256: 'b',
      url: 'https://m.example/item/1',
      finalUrl: 'https://m.example/search?q=python',
    };
    expect(judgeFollowUp(moved)).toEqual({
      outcome: 'changed',
      reason: 'text changed (other SHA-256); redirected to https://m.example/search?q=python',
      removedWording: null,
    });
    expect(judgeFollowUp({ ...moved, finalUrl: 'https://m.example/item/1#photos' }).reason).toBe(
      'text changed (other SHA-256)',
    );
  });

  it('trusts "page not found" only in a short page', () => {
    expect(removedWordingIn('Page not found. Back to home')).toBe('page not found');
    expect(removedWordingIn(`Royal python for sale ${'details '.repeat(400)} help: page not found?`)).toBeUndefined();
    expect(removedWordingIn('Página no encontrada')).toBe('pagina no encontrada');
  });
});
