// Our own attack payloads, added to DOMPurify's 223 (test/fixtures/xss/). Each one goes
// through every path data enters the elements (test/security/*.test.ts), URL fields and
// text fields alike. Two ways to notice one that runs: it calls `__xss(id)`, which the
// test page records (as it records alert/confirm/prompt/print), and it requests
// `/__hostile/canary/<id>`, which the hostile server counts. A canary URL only appears
// where the policy forbids loading it (script, iframe, object, embed, link, style, CSS,
// form actions, SVG images, media): an image or link to it would be allowed and is not
// used here.

/** Code that reports its own execution both ways. */
const run = (id) => `__xss('${id}');fetch('/__hostile/canary/${id}')`;
const canary = (id) => `/__hostile/canary/${id}`;

/** [group, title, payload] */
const LIST = [
  // javascript:/data:/vbscript: URLs with case, whitespace, control characters and entities.
  ['url', 'javascript: scheme', `javascript:${run('url-js')}`],
  ['url', 'mixed-case scheme', `JaVaScRiPt:${run('url-case')}`],
  ['url', 'upper-case scheme', `JAVASCRIPT:${run('url-upper')}`],
  ['url', 'leading spaces', `   javascript:${run('url-space')}`],
  ['url', 'tab inside the scheme', `java\tscript:${run('url-tab')}`],
  ['url', 'newline inside the scheme', `java\nscript:${run('url-lf')}`],
  ['url', 'carriage return inside the scheme', `java\rscript:${run('url-cr')}`],
  ['url', 'C0 control before the scheme', `\u0001javascript:${run('url-c0')}`],
  ['url', 'NUL before the scheme', `\u0000javascript:${run('url-nul')}`],
  ['url', 'leading form feed and line break', `\f\n javascript:${run('url-ff')}`],
  ['url', 'NBSP before the scheme', `\u00a0javascript:${run('url-nbsp')}`],
  ['url', 'soft hyphen inside the scheme', `java\u00adscript:${run('url-shy')}`],
  ['url', 'zero-width space inside the scheme', `java\u200bscript:${run('url-zwsp')}`],
  ['url', 'named entity colon', `javascript&colon;${run('url-colon-entity')}`],
  ['url', 'decimal entity j', `&#106;avascript:${run('url-dec-entity')}`],
  ['url', 'hex entity j', `&#x6A;avascript:${run('url-hex-entity')}`],
  ['url', 'entity tab inside the scheme', `jav&#x09;ascript:${run('url-tab-entity')}`],
  ['url', 'entity-encoded whole scheme', '&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;__xss(1)'],
  ['url', 'percent-encoded scheme', `%6Aavascript:${run('url-percent')}`],
  ['url', 'javascript: with a comment and an encoded newline', `javascript://%0a${run('url-comment')}`],
  ['url', 'javascript: with percent-encoded code', 'javascript:%5F%5Fxss(%27url-pct-code%27)'],
  ['url', 'data: HTML', `data:text/html,<script>${run('url-data-html')}</script>`],
  ['url', 'data: HTML, upper case', `DATA:text/html,<script>${run('url-data-upper')}</script>`],
  ['url', 'data: base64 HTML', 'data:text/html;base64,PHNjcmlwdD5fX3hzcygndXJsLWRhdGEtYjY0Jyk8L3NjcmlwdD4='],
  ['url', 'data: SVG with onload', `data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" onload="${run('url-data-svg')}"/>`],
  ['url', 'data: image', 'data:image/gif;base64,R0lGODlhAQABAAAAACw='],
  ['url', 'vbscript:', 'vbscript:msgbox("url-vbs")'],
  ['url', 'VBScript: mixed case', 'VBScript:MsgBox("url-vbs-case")'],
  ['url', 'blob:', 'blob:https://example.org/0a0a0a0a-0000-4000-8000-000000000000'],
  ['url', 'file:', 'file:///etc/passwd'],
  ['url', 'feed: wrapping javascript:', `feed:javascript:${run('url-feed')}`],
  ['url', 'about:, chrome:, view-source:', 'view-source:https://example.org/'],
  ['url', 'intent:', 'intent://example.org#Intent;scheme=javascript;end'],
  ['url', 'tel:', 'tel:+37100000000'],
  ['url', 'jar:/mhtml:', 'mhtml:https://example.org/x.mht!xss.html'],
  ['url', 'quote breaking out of an attribute', `https://example.org/" onmouseover="${run('url-quote')}" x="`],
  ['url', 'angle brackets in a URL', `https://example.org/"><img src=x onerror="${run('url-angle')}">`],
  ['url', 'UNC path', '\\\\attacker.example\\share\\x.png'],
  ['url', 'backslash-relative host', '/\\attacker.example/x'],
  ['url', 'mailto with markup', 'mailto:reader@example.org?body=<script>__xss(1)</script>'],
  ['url', 'an over-long URL', `https://example.org/${'a'.repeat(9000)}`],

  // SVG and MathML namespace confusion.
  ['ns', 'script in SVG', `<svg><script>${run('svg-script')}</script></svg>`],
  ['ns', 'SVG link to javascript:', `<svg><a xlink:href="javascript:${run('svg-a')}"><text y="20">x</text></a></svg>`],
  ['ns', 'SVG animate onbegin', `<svg><animate onbegin="${run('svg-animate')}" attributeName="x" dur="1s"/></svg>`],
  ['ns', 'SVG set href to javascript:', `<svg><a><set attributeName="href" to="javascript:${run('svg-set')}"/><text y="20">x</text></a></svg>`],
  ['ns', 'SVG image from the canary', `<svg><image href="${canary('svg-image')}" width="10" height="10"/></svg>`],
  ['ns', 'SVG use of a data: document', `<svg><use href="data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'><image href='${canary('svg-use')}'/></svg>#x"/></svg>`],
  ['ns', 'style in SVG hiding markup', `<svg><style><img src=x onerror="${run('svg-style')}"></style></svg>`],
  ['ns', 'SVG foreignObject iframe', `<svg><foreignObject><iframe srcdoc="<script>parent.${run('svg-fo')}</script>"></iframe></foreignObject></svg>`],
  ['ns', 'mglyph/style mutation (DOMPurify 2.0.17)', `<math><mtext><table><mglyph><style><img src=x onerror="${run('math-mglyph')}">`],
  ['ns', 'textarea/path id mutation', `<math><mi><mglyph><svg><mtext><textarea><path id="</textarea><img onerror=&quot;${run('math-textarea')}&quot; src=1>">`],
  ['ns', 'nested forms and mglyph', `<form><math><mtext></form><form><mglyph><style></math><img src onerror="${run('math-form')}">`],
  ['ns', 'SVG closing p then style', `<svg></p><style><a id="</style><img src=1 onerror=&quot;${run('svg-p-style')}&quot;>">`],
  ['ns', 'MathML link', `<math href="javascript:${run('math-href')}">click</math>`],
  ['ns', 'annotation-xml HTML island', `<math><annotation-xml encoding="text/html"><img src=x onerror="${run('math-annotation')}"></annotation-xml></math>`],

  // noscript, template, style and other raw-text mutation tricks.
  ['raw', 'noscript attribute mutation', `<noscript><p title="</noscript><img src=x onerror=&quot;${run('noscript')}&quot;>"></noscript>`],
  ['raw', 'template content', `<template><img src=x onerror="${run('template')}"></template>`],
  ['raw', 'declarative shadow root', `<div><template shadowrootmode="open"><img src=x onerror="${run('dsd')}"><slot></slot></template>x</div>`],
  ['raw', 'declarative shadow root with script', `<div><template shadowrootmode="closed"><script>${run('dsd-script')}</script></template></div>`],
  ['raw', 'style @import', `<style>@import '${canary('style-import')}';</style>`],
  ['raw', 'style background', `<style>*{background:url(${canary('style-bg')})}</style>`],
  ['raw', 'style that takes over the page', '<style>:host, html, body { position: fixed; inset: 0; background: red }</style>'],
  ['raw', 'xmp', `<xmp><img src=x onerror="${run('xmp')}"></xmp>`],
  ['raw', 'noembed', `<noembed><img src=x onerror="${run('noembed')}"></noembed>`],
  ['raw', 'title element', `<title><img src=x onerror="${run('title-el')}"></title>`],
  ['raw', 'textarea breakout', `<textarea></textarea><img src=x onerror="${run('textarea')}">`],
  ['raw', 'iframe srcdoc', `<iframe srcdoc="<script>parent.${run('srcdoc')}</script>"></iframe>`],
  ['raw', 'plaintext', `<plaintext><img src=x onerror="${run('plaintext')}">`],
  ['raw', 'comment breakout', `<!--><img src=x onerror="${run('comment')}">-->`],
  ['raw', 'CDATA in HTML', `<![CDATA[<img src=x onerror="${run('cdata')}">]]>`],
  ['raw', 'closing tags of what the widget might wrap', `</p></div></article></template></style></script></news-card><img src=x onerror="${run('close-tags')}">`],
  ['raw', 'attribute breakout', `"><img src=x onerror="${run('attr-breakout')}">`],
  ['raw', 'polyglot', `'"--></title></style></textarea></script><img src=x onerror="${run('polyglot')}">`],

  // Elements and attributes that load, run, navigate or submit.
  ['load', 'script src', `<script src="${canary('script-src')}"></script>`],
  ['load', 'link stylesheet', `<link rel="stylesheet" href="${canary('link')}">`],
  ['load', 'link preload', `<link rel="preload" as="image" href="${canary('preload')}">`],
  ['load', 'iframe', `<iframe src="${canary('iframe')}"></iframe>`],
  ['load', 'object', `<object data="${canary('object')}"></object>`],
  ['load', 'embed', `<embed src="${canary('embed')}">`],
  ['load', 'base', `<base href="${canary('base')}/"><a href="x">relative</a>`],
  ['load', 'meta refresh', `<meta http-equiv="refresh" content="0;url=javascript:${run('meta-refresh')}">`],
  ['load', 'form action', `<form action="${canary('form')}" method="post"><input name="q" value="x" autofocus><button>Send</button></form>`],
  ['load', 'button formaction', `<form><button formaction="javascript:${run('formaction')}">Send</button></form>`],
  ['load', 'input image', `<input type="image" src="${canary('input-image')}">`],
  ['load', 'video poster', `<video poster="${canary('poster')}"></video>`],
  ['load', 'audio autoplay', `<audio src="${canary('audio')}" autoplay></audio>`],
  ['load', 'picture source', `<picture><source srcset="${canary('picture-source')}"><img src="/__hostile/img.svg" alt=""></picture>`],
  ['load', 'table background', `<table background="${canary('table-bg')}"><tr><td>x</td></tr></table>`],
  ['load', 'style attribute background', `<div style="background-image:url(${canary('style-attr')})">x</div>`],
  ['load', 'anchor ping', `<a href="https://example.org/" ping="${canary('ping')}">x</a>`],
  ['load', 'image map to javascript:', `<img src="/__hostile/img.svg" usemap="#m" alt=""><map name="m"><area shape="rect" coords="0,0,9,9" href="javascript:${run('area')}"></map>`],
  ['load', 'event handlers in mixed case', `<img src=x oNeRrOr="${run('mixed-case-handler')}">`],
  ['load', 'slash-separated attributes', `<img/src=x/onerror="${run('slash-attrs')}">`],
  ['load', 'svg onload shorthand', `<svg/onload="${run('svg-onload')}">`],
  ['load', 'details ontoggle', `<details open ontoggle="${run('details')}"><summary>x</summary></details>`],
  ['load', 'body onload', `<body onload="${run('body-onload')}">`],
  ['load', 'onfocus with autofocus', `<input autofocus onfocus="${run('autofocus')}">`],
  ['load', 'entity-encoded javascript: href', '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;__xss(\'href-entities\')">x</a>'],
  ['load', 'Tab entity in javascript: href', `<a href="java&Tab;script:${run('href-tab')}">x</a>`],
  ['load', 'NewLine entity in javascript: href', `<a href="java&NewLine;script:${run('href-newline')}">x</a>`],
  ['load', 'data: href', '<a href="data:text/html;base64,PHNjcmlwdD5fX3hzcygnaHJlZi1kYXRhJyk8L3NjcmlwdD4=">x</a>'],
  ['load', 'vbscript: href', '<a href="vbscript:msgbox(1)">x</a>'],
  ['load', 'javascript: img src', `<img src="javascript:${run('img-js')}">`],
  ['load', 'javascript: in srcset', `<img src="/__hostile/img.svg" srcset="javascript:${run('srcset-js')} 2x" alt="">`],
  ['load', 'target and rel on a link', '<a href="https://example.org/" target="_top" rel="opener">x</a>'],
  ['load', 'popover and commands', '<button popovertarget="p">x</button><div id="p" popover>x</div>'],

  // DOM clobbering: names and ids the page, DOMPurify or our own elements look up.
  ['clobber', 'id of the headline', '<h2 id="title">Clobbered headline</h2><a id="title" href="https://example.org/">x</a>'],
  ['clobber', 'ids of the comment form', '<input id="f-text" name="text"><p id="heading">x</p><p id="form-heading">x</p>'],
  ['clobber', 'id of a comment', '<article id="c-1">x</article>'],
  ['clobber', 'form named attributes', '<form name="attributes"><input name="attributes"><input name="removeChild"></form>'],
  ['clobber', 'document properties', '<img name="body"><img name="cookie"><img id="defaultView"><form name="getElementById"></form>'],
  ['clobber', 'our spy', '<img name="__xss" id="__xss"><iframe name="alert"></iframe>'],
  ['clobber', 'prototype names', '<a id="__proto__"></a><a id="constructor" name="prototype"></a>'],

  // Our own and other custom elements inside a body.
  ['nested', 'nested news-card', `<news-card src="${canary('nested-card')}"><a href="https://example.org/">x</a></news-card>`],
  ['nested', 'nested comment-box', `<comment-box src="${canary('nested-comments')}"></comment-box>`],
  ['nested', 'nested scroll-to-top', '<scroll-to-top threshold="0"></scroll-to-top>'],
  ['nested', 'customised built-in', '<p is="news-card">x</p><button is="x-evil">x</button>'],
  ['nested', 'slot projection', '<slot name="x"></slot><slot></slot>'],

  // Lit-looking markers and template syntax, which must stay text.
  ['template', 'Lit comment marker', '<!--?lit$123$-->Lit marker'],
  ['template', 'Lit text marker', 'lit$123$ and lit$1234567890$'],
  ['template', 'Lit processing-instruction marker', '<?lit$123$>x'],
  ['template', 'Lit marker before markup', `<!--?lit$0$--><img src=x onerror="${run('lit-marker')}">`],
  ['template', 'Lit binding syntax', '<div ?hidden=${true} .innerHTML="<img src=x onerror=__xss(1)>" @click=${__xss}>x</div>'],
  ['template', 'template literal', '${__xss(1)}'],
  ['template', 'Angular/Vue expression', "{{constructor.constructor('__xss(1)')()}}"],
  ['template', 'other template syntaxes', '<%= 7*7 %> #{7*7} [[7*7]] {% raw %}{{7*7}}{% endraw %} ${{7*7}}'],

  // What must stay inside the element's box.
  ['contain', 'fixed full-page overlay', '<div style="position:fixed;inset:0;z-index:2147483647;background:red">Log in again</div>'],
  ['contain', 'absolute far away', '<p style="position:absolute;top:-1000px;left:-1000px;width:5000px">x</p>'],
  ['contain', 'negative margins', '<p style="margin:-500px 0 0 -500px">x</p>'],
  ['contain', 'huge image', '<img src="/__hostile/img.svg" width="99999" height="99999" alt="">'],
  ['contain', 'wide table', `<table><tr>${'<td>wide&nbsp;cell&nbsp;without&nbsp;breaks</td>'.repeat(40)}</tr></table>`],
  ['contain', 'long unbroken word', 'x'.repeat(5000)],
  ['contain', 'preformatted long line', `<pre>${'y'.repeat(3000)}</pre>`],

  // Text oddities.
  ['text', 'right-to-left override', '\u202egnp.exe'],
  ['text', 'zero-width and combining characters', 'a\u200b\u200c\u200d\ufeffb\u0301\u0302'],
  ['text', 'entities that must stay visible', '&lt;script&gt;__xss(1)&lt;/script&gt; &amp;amp; &#60;b&#62;'],
  ['text', 'lone surrogates and noncharacters', 'x\ud800y\udfffz\uffff'],
  ['text', 'line and paragraph separators', 'a\u2028b\u2029c'],
];

export const OWN_VECTORS = LIST.map(([group, title, payload]) => ({ group, title, payload }));
