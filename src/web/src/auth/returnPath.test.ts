import { describe, expect, it } from 'vitest';
import { authLink, invitationInProgress, returnPath, safeNext } from './returnPath';

describe('safeNext', () => {
  it.each([
    ['/plans/7', '/plans/7'],
    ['/search?q=pets#top', '/search?q=pets#top'],
    ['/invitations/abc', '/invitations/abc'],
  ])('follows a path on this site: %s', (value, expected) => {
    expect(safeNext(value)).toBe(expected);
  });

  it.each([
    [null],
    [''],
    ['https://evil.example/'],
    ['//evil.example/path'],
    ['/\\evil.example'],
    ['javascript:alert(1)'],
    ['plans'],
    ['/sign-in'],
    ['/sign-up?next=/plans'],
  ])('goes home instead of %s', (value) => {
    expect(safeNext(value)).toBe('/');
  });
});

describe('returnPath', () => {
  it('is the page shown now, or what /sign-in and /sign-up name', () => {
    window.history.replaceState(null, '', '/plans/7?tab=history');
    expect(returnPath()).toBe('/plans/7?tab=history');
    window.history.replaceState(null, '', '/sign-in?next=%2Finvitations%2Fabc');
    expect(returnPath()).toBe('/invitations/abc');
    window.history.replaceState(null, '', '/sign-up?next=https%3A%2F%2Fevil.example');
    expect(returnPath()).toBe('/');
  });
});

describe('authLink and invitationInProgress', () => {
  it('carries the return path, and finds an invitation in it', () => {
    expect(authLink('/sign-in', '/')).toBe('/sign-in');
    expect(authLink('/sign-up', '/plans/7', { invitation: 'a b' })).toBe('/sign-up?invitation=a+b&next=%2Fplans%2F7');
    window.history.replaceState(null, '', '/sign-in?next=%2Finvitations%2Ftok-1');
    expect(invitationInProgress()).toBe('tok-1');
    window.history.replaceState(null, '', '/sign-up?invitation=tok-2');
    expect(invitationInProgress()).toBe('tok-2');
    window.history.replaceState(null, '', '/sign-in?next=%2Fplans');
    expect(invitationInProgress()).toBeUndefined();
  });
});
