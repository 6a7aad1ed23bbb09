import { describe, expect, it } from 'vitest';
import { undoCommandFor, type KeyLike } from './undoKeys';

const key = (fields: Partial<KeyLike>): KeyLike => ({
  key: 'z', ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, target: document.body, ...fields,
});

describe('undo and redo keys', () => {
  it('maps Ctrl+Z to undo, Ctrl+Shift+Z and Ctrl+Y to redo, and ⌘ likewise', () => {
    expect(undoCommandFor(key({ ctrlKey: true }))).toBe('undo');
    expect(undoCommandFor(key({ ctrlKey: true, shiftKey: true, key: 'Z' }))).toBe('redo');
    expect(undoCommandFor(key({ ctrlKey: true, key: 'y' }))).toBe('redo');
    expect(undoCommandFor(key({ metaKey: true }))).toBe('undo');
    expect(undoCommandFor(key({ metaKey: true, shiftKey: true, key: 'Z' }))).toBe('redo');
  });

  it('ignores plain keys, Alt combinations and other letters', () => {
    expect(undoCommandFor(key({}))).toBeNull();
    expect(undoCommandFor(key({ ctrlKey: true, altKey: true }))).toBeNull();
    expect(undoCommandFor(key({ ctrlKey: true, key: 'x' }))).toBeNull();
    expect(undoCommandFor(key({ ctrlKey: true, defaultPrevented: true }))).toBeNull();
  });

  it('leaves typing alone: text inputs, text areas, selects and editable content', () => {
    const text = document.createElement('input');
    const area = document.createElement('textarea');
    const select = document.createElement('select');
    const editable = document.createElement('div');
    editable.setAttribute('contenteditable', 'true');
    document.body.append(editable);
    for (const target of [text, area, select]) expect(undoCommandFor(key({ ctrlKey: true, target }))).toBeNull();
    expect(undoCommandFor(key({ ctrlKey: true, target: editable }))).toBeNull();
    editable.remove();
  });

  it('still works from a checkbox or a button', () => {
    const box = document.createElement('input');
    box.type = 'checkbox';
    expect(undoCommandFor(key({ ctrlKey: true, target: box }))).toBe('undo');
    expect(undoCommandFor(key({ ctrlKey: true, target: document.createElement('button') }))).toBe('undo');
  });
});
