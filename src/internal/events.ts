/**
 * Event classes of every element. Each is a plain `Event` subclass that bubbles and
 * crosses shadow boundaries, with typed fields, so listeners need no `CustomEvent.detail`
 * casts. They are declared in `HTMLElementEventMap` below for `addEventListener` typings.
 */
import type { CommentData, CommentDraft, CommentStatus } from './data.js';
import type { Article } from './formats/article.js';
import type { FetchErrorKind } from './fetch-json.js';
import type { FormatErrorKind } from './formats/format-error.js';

const init = { bubbles: true, composed: true } as const;

export class NewsCardLoadEvent extends Event {
  static get eventName(): 'news-card-load' {
    return 'news-card-load';
  }
  constructor(readonly article: Article) {
    super(NewsCardLoadEvent.eventName, init);
  }
}

/** The transport's kinds, and `not-xml`: an answer that looks like XML (RSS, Atom) but does not parse or is refused. */
export type NewsCardErrorKind = FetchErrorKind | FormatErrorKind;

export class NewsCardErrorEvent extends Event {
  static get eventName(): 'news-card-error' {
    return 'news-card-error';
  }
  constructor(
    readonly kind: NewsCardErrorKind,
    readonly status?: number,
    readonly error?: unknown,
  ) {
    super(NewsCardErrorEvent.eventName, init);
  }
}

/** A load succeeded but the feed or post list has no item (or none with the card's `item-id`): the card shows its empty state. */
export class NewsCardEmptyEvent extends Event {
  static readonly eventName = 'news-card-empty';
  constructor() {
    super(NewsCardEmptyEvent.eventName, init);
  }
}

export type CommentBoxErrorKind = FetchErrorKind | 'closed' | 'rejected';

export class CommentBoxLoadEvent extends Event {
  static get eventName(): 'comment-box-load' {
    return 'comment-box-load';
  }
  constructor(
    readonly comments: readonly CommentData[],
    readonly total: number,
  ) {
    super(CommentBoxLoadEvent.eventName, init);
  }
}

export class CommentBoxErrorEvent extends Event {
  static get eventName(): 'comment-box-error' {
    return 'comment-box-error';
  }
  constructor(
    readonly kind: CommentBoxErrorKind,
    readonly status?: number,
    /** The server's own error code (`comment_duplicate`, `too_fast`...), when it sent one. */
    readonly code?: string,
    readonly error?: unknown,
  ) {
    super(CommentBoxErrorEvent.eventName, init);
  }
}

/** Fired before a comment is sent. Cancel it (`preventDefault()`) to stop the post. */
export class CommentBoxSubmitEvent extends Event {
  static get eventName(): 'comment-box-submit' {
    return 'comment-box-submit';
  }
  constructor(readonly draft: Readonly<CommentDraft>) {
    super(CommentBoxSubmitEvent.eventName, { ...init, cancelable: true });
  }
}

export class CommentBoxPostedEvent extends Event {
  static get eventName(): 'comment-box-posted' {
    return 'comment-box-posted';
  }
  constructor(
    readonly comment: CommentData,
    readonly status: CommentStatus,
  ) {
    super(CommentBoxPostedEvent.eventName, init);
  }
}

export type CommentCountErrorKind = FetchErrorKind;

/** A count was loaded and is shown. */
export class CommentCountLoadEvent extends Event {
  static get eventName(): 'comment-count-load' {
    return 'comment-count-load';
  }
  constructor(
    /** How many comments the article shows its readers. */
    readonly count: number,
    /** Whether the article takes comments, when the server says (the Lapa protocol does; WordPress's count does not). */
    readonly open?: boolean,
  ) {
    super(CommentCountLoadEvent.eventName, init);
  }
}

/** A count could not be loaded; the element shows no count (its slotted fallback, if any). */
export class CommentCountErrorEvent extends Event {
  static get eventName(): 'comment-count-error' {
    return 'comment-count-error';
  }
  constructor(
    readonly kind: CommentCountErrorKind,
    readonly status?: number,
    readonly error?: unknown,
  ) {
    super(CommentCountErrorEvent.eventName, init);
  }
}

declare global {
  interface HTMLElementEventMap {
    'news-card-load': NewsCardLoadEvent;
    'news-card-error': NewsCardErrorEvent;
    'news-card-empty': NewsCardEmptyEvent;
    'comment-box-load': CommentBoxLoadEvent;
    'comment-box-error': CommentBoxErrorEvent;
    'comment-box-submit': CommentBoxSubmitEvent;
    'comment-box-posted': CommentBoxPostedEvent;
    'comment-count-load': CommentCountLoadEvent;
    'comment-count-error': CommentCountErrorEvent;
  }
}
