import { describe, expect, it } from 'vitest';
import { defaultTemplateId } from './templateChoice';

// The server's table (TemplateChoice.cs): category × industry → template.
describe('default template by category', () => {
  it.each([
    ['market', 'Gaming', 'content-platform'],
    ['market', 'Agriculture', 'service-business'],
    ['market', 'Pets', 'service-business'],
    ['market', 'Fintech', 'software-startup'],
    ['technology', 'Media', 'software-startup'],
    ['technology', 'Hardware', 'physical-product'],
    ['technology', 'Health', 'software-startup'],
    ['ux', 'Music', 'content-platform'],
    ['ux', 'Food', 'software-startup'],
    ['business_model', 'Publishing', 'content-platform'],
    ['business_model', 'Construction', 'marketplace'],
    ['business_model', null, 'marketplace'],
    ['something else', null, 'software-startup'],
  ])('%s in %s → %s', (category, industry, template) => {
    expect(defaultTemplateId(category, industry)).toBe(template);
  });
});
