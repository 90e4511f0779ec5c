import { expect } from '@open-wc/testing';
import { looksLikeXml } from '../../src/internal/formats/looks-like-xml.js';
import { readXmlFeed } from '../../src/internal/formats/xml-feed.js';
import { rfc3339Date, rfc822Date } from '../../src/internal/formats/xml.js';
import { expectFormatError, loadText } from './helpers.js';

describe('XML feeds: parsing', () => {
  // Each would take seconds (Chromium) or minutes (WebKitGTK) to parse: refused before parsing,
  // so these tests finish within mocha's timeout only when the refusal works.
  for (const [what, path] of [
    ['the billion-laughs entity bomb', 'billion-laughs'],
    ['a quadratic entity blow-up', 'quadratic?kb=40'],
    ['a doctype with an internal subset', 'internal-subset'],
  ]) {
    it(`refuses ${what} as not-xml, before parsing`, async () => {
      const { text } = await loadText(path);
      const started = performance.now();
      expectFormatError(() => readXmlFeed(text, {}), 'not-xml');
      expect(performance.now() - started).to.be.below(500);
    });
  }

  it('refuses an entity declaration in any case and place, and a subset after a quoted ">"', () => {
    expectFormatError(() => readXmlFeed('<!DOCTYPE rss SYSTEM "a>b" [ ]><rss version="2.0"><channel/></rss>', {}), 'not-xml');
    expectFormatError(() => readXmlFeed('<rss version="2.0"><channel><!entity x "y"></channel></rss>', {}), 'not-xml');
  });

  it('reads a feed with a doctype without a subset (an external DTD is never loaded)', () => {
    const feed = readXmlFeed('<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"><channel><item><title>Old</title></item></channel></rss>', {});
    expect(feed.item(0).title).to.equal('Old');
  });

  it('says not-xml for XML that does not parse', async () => {
    const { text } = await loadText('broken');
    expectFormatError(() => readXmlFeed(text, {}), 'not-xml');
    expectFormatError(() => readXmlFeed('', {}), 'not-xml');
    expectFormatError(() => readXmlFeed('<rss', {}), 'not-xml');
  });

  it('says invalid for well-formed XML that is neither RSS nor Atom', async () => {
    const { text } = await loadText('not-a-feed');
    expectFormatError(() => readXmlFeed(text, {}), 'invalid');
    expectFormatError(() => readXmlFeed('<feed><entry><title>No namespace</title></entry></feed>', {}), 'invalid');
    expectFormatError(() => readXmlFeed('<rss version="2.0"><item/></rss>', {}), 'invalid');
  });
});

describe('XML feeds: detection', () => {
  it('tells XML from HTML, JSON and text by the text, the content type only a hint', () => {
    expect(looksLikeXml('<?xml version="1.0"?><anything/>')).to.equal(true);
    expect(looksLikeXml('\uFEFF\n  <rss version="2.0">', 'text/html')).to.equal(true);
    expect(looksLikeXml('<!-- generator --><?xml-stylesheet href="a.xsl"?><feed xmlns="http://www.w3.org/2005/Atom">', 'text/plain')).to.equal(true);
    expect(looksLikeXml('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">')).to.equal(true);
    expect(looksLikeXml('<atom:feed xmlns:atom="http://www.w3.org/2005/Atom">')).to.equal(true);
    expect(looksLikeXml('<note/>', 'application/xml')).to.equal(true);
    expect(looksLikeXml('<note/>', 'text/html')).to.equal(false);
    expect(looksLikeXml('<!doctype html><html><body>Sign in</body></html>', 'text/xml')).to.equal(false);
    expect(looksLikeXml('<html><body>Sign in</body></html>', 'application/xml')).to.equal(false);
    expect(looksLikeXml('{"version": "https://jsonfeed.org/version/1.1"}', 'application/rss+xml')).to.equal(false);
    expect(looksLikeXml('', 'text/xml')).to.equal(false);
    expect(looksLikeXml('Not Found', 'text/xml')).to.equal(false);
  });
});

describe('XML feeds: dates', () => {
  it('reads RFC 822 dates with numeric and named zones, with or without weekday and seconds', () => {
    expect(rfc822Date('Tue, 10 Jun 2003 04:00:00 GMT')).to.equal('2003-06-10T04:00:00.000Z');
    expect(rfc822Date('Fri, 16 May 2025 12:00:00 +0300')).to.equal('2025-05-16T09:00:00.000Z');
    expect(rfc822Date('16 May 2025 09:00 EST')).to.equal('2025-05-16T14:00:00.000Z');
    expect(rfc822Date('Sat, 1 Mar 25 23:30:00 PDT')).to.equal('2025-03-02T06:30:00.000Z');
    expect(rfc822Date(' thu, 01 january 2026 00:00:00 -0130 ')).to.equal('2026-01-01T01:30:00.000Z');
    expect(rfc822Date('Mon, 31 Dec 2029 23:59:60 UT')).to.equal('2029-12-31T23:59:59.000Z');
  });

  it('drops RFC 822 dates that are not real moments', () => {
    for (const bad of ['yesterday', '', '31 Feb 2025 10:00:00 GMT', '10 Jun 2003 25:00:00 GMT', '10 Jun 2003 04:00:00', '10 Jun 2003 04:00:00 XYZ', '10 Foo 2003 04:00:00 GMT', '10 Jun 2003 04:00:00 +0199', '2025-05-16T10:00:00Z'])
      expect(rfc822Date(bad), bad).to.equal(undefined);
  });

  it('reads RFC 3339 dates and drops anything else', () => {
    expect(rfc3339Date('2025-05-16T12:00:00+02:00')).to.equal('2025-05-16T10:00:00.000Z');
    expect(rfc3339Date('2025-05-16t10:00:00.5z')).to.equal('2025-05-16T10:00:00.500Z');
    expect(rfc3339Date('2025-05-16 10:00:00-00:30')).to.equal('2025-05-16T10:30:00.000Z');
    for (const bad of ['2025-02-30T10:00:00Z', '2025-05-16T10:00:00', '2025-05-16', '2025-13-01T00:00:00Z', '2025-05-16T10:00:00+25:00', 'Tue, 10 Jun 2003 04:00:00 GMT'])
      expect(rfc3339Date(bad), bad).to.equal(undefined);
  });
});
