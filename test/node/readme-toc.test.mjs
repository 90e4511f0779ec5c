// The README's table of contents lists every ## and ### heading, in order, with anchors
// that resolve (scripts/readme-toc.mjs rewrites it after headings change).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { anchor, contents, currentContents } from '../../scripts/readme-toc.mjs';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README contents', () => {
  it('comes right after the introduction, before Install', () => {
    assert.ok(README.indexOf('## Contents\n') < README.indexOf('## Install\n'));
    assert.ok(README.indexOf('## Contents\n') > 0);
  });

  it('matches the headings (run node scripts/readme-toc.mjs to rewrite it)', () => {
    assert.equal(currentContents(README), contents(README));
  });

  it('makes GitHub anchors', () => {
    assert.equal(anchor('`<news-card>`'), 'news-card');
    assert.equal(anchor('With npm (a packed tarball)'), 'with-npm-a-packed-tarball');
    assert.equal(anchor('React 19+'), 'react-19');
  });
});
