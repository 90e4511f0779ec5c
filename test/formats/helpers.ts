import { expect } from '@open-wc/testing';
import { FormatError } from '../../src/internal/formats/format-error.js';

/** A fixture as parsed JSON, and the URL it was served from (the base for relative URLs). */
export async function loadFixture(path: string): Promise<{ data: unknown; url: string }> {
  const res = await fetch(`/__news/fixtures/${path}`);
  if (!res.ok) throw new Error(`fixture ${path}: ${res.status}`);
  return { data: await res.json(), url: res.url };
}

/** Asserts `fn` throws a FormatError (kind `invalid`), and returns it. */
export function expectInvalid(fn: () => unknown): FormatError {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, 'throws').to.be.instanceOf(FormatError);
  expect((thrown as FormatError).kind).to.equal('invalid');
  return thrown as FormatError;
}

/** A fixture's text, from the feeds server, and the URL it was served from. */
export async function loadText(path: string): Promise<{ text: string; url: string }> {
  const res = await fetch(`/__feeds/${path}`);
  if (!res.ok) throw new Error(`fixture ${path}: ${res.status}`);
  return { text: await res.text(), url: res.url };
}

/** Asserts `fn` throws a FormatError of `kind`, and returns it. */
export function expectFormatError(fn: () => unknown, kind: 'invalid' | 'not-xml'): FormatError {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, 'throws').to.be.instanceOf(FormatError);
  expect((thrown as FormatError).kind).to.equal(kind);
  return thrown as FormatError;
}
