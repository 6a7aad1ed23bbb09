import { describe, expect, it } from 'vitest';
import { nextFocus, shortcutFor } from './shortcuts';

const key = (k: string, target: EventTarget | null = document.body, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) =>
  ({ key: k, ctrlKey: false, metaKey: false, altKey: false, target, ...mods });

describe('shortcuts', () => {
  it('maps single keys', () => {
    expect(shortcutFor(key('j'))).toBe('next');
    expect(shortcutFor(key('k'))).toBe('previous');
    expect(shortcutFor(key('x'))).toBe('complete');
    expect(shortcutFor(key('n'))).toBe('new');
    expect(shortcutFor(key('/'))).toBe('search');
    expect(shortcutFor(key('?'))).toBe('help');
    expect(shortcutFor(key('q'))).toBeNull();
  });

  it('stays out of the way while typing and with modifiers', () => {
    expect(shortcutFor(key('j', document.createElement('input')))).toBeNull();
    expect(shortcutFor(key('x', document.createElement('textarea')))).toBeNull();
    expect(shortcutFor(key('j', document.body, { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(key('n', document.body, { metaKey: true }))).toBeNull();
  });

  it('opens with Enter only on a task row', () => {
    const row = document.createElement('li');
    row.dataset['taskId'] = '3';
    expect(shortcutFor(key('Enter', row))).toBe('open');
    expect(shortcutFor(key('Enter', document.createElement('button')))).toBeNull();
  });

  it('moves focus within bounds', () => {
    expect(nextFocus(['a', 'b', 'c'], null, 1)).toBe('a');
    expect(nextFocus(['a', 'b', 'c'], null, -1)).toBe('c');
    expect(nextFocus(['a', 'b', 'c'], 'b', 1)).toBe('c');
    expect(nextFocus(['a', 'b', 'c'], 'c', 1)).toBe('c');
    expect(nextFocus(['a', 'b', 'c'], 'a', -1)).toBe('a');
    expect(nextFocus([], null, 1)).toBeUndefined();
  });
});
