import { expect } from '@open-wc/testing';
import { FetchError } from '../../src/internal/fetch-json.js';

/** A fixture as parsed JSON, and the URL it was served from (the base for relative URLs). */
export async function loadFixture(path: string): Promise<{ data: unknown; url: string }> {
  const res = await fetch(`/__news/fixtures/${path}`);
  if (!res.ok) throw new Error(`fixture ${path}: ${res.status}`);
  return { data: await res.json(), url: res.url };
}

/** Asserts `fn` throws a FetchError of kind `invalid`, and returns it. */
export function expectInvalid(fn: () => unknown): FetchError {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, 'throws').to.be.instanceOf(FetchError);
  expect((thrown as FetchError).kind).to.equal('invalid');
  return thrown as FetchError;
}
