// @ts-check
// DOM helpers shared by the page's modules: building HTML and SVG elements whose text is set
// with textContent (tree strings are never parsed as HTML), and the notice line that tells the
// user why something was refused.

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An HTML element; `text` (any value) becomes its textContent. */
export function el(tag, attrs = null, text) {
  const e = document.createElement(tag);
  if (attrs) for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) e.setAttribute(k, v);
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

/** An SVG element with attributes; `text` becomes its textContent. */
export function svg(tag, attrs = null, text) {
  const e = document.createElementNS(SVG_NS, tag);
  if (attrs) for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) e.setAttribute(k, v);
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

/** An element of index.html by id (inputs, buttons, panels: callers know which kind).
 * @type {(id: string) => any} */
export const $ = (id) => document.getElementById(id);

/** Resolves in a later task: the page draws and takes input in between. */
export const nextTask = () => new Promise((go) => setTimeout(go, 0));

/** The longest slice of work `whenIdle` gives, in milliseconds. */
const IDLE_SLICE_MS = 15;

/** Calls `work(ms)` when the browser is idle (between frames: panning and typing go first;
 *  after 500 ms at the latest), with about how long it may take. */
export function whenIdle(work) {
  if (typeof requestIdleCallback !== 'function') {
    setTimeout(() => work(IDLE_SLICE_MS), 0);
    return;
  }
  requestIdleCallback((d) => work(Math.min(IDLE_SLICE_MS, Math.max(4, d.timeRemaining() * 0.5))), { timeout: 500 });
}

let noticeTimer = 0;
/** The text of the notice shown, when it is to be said again in another language. */
let noticeText = null;

/** Shows a message above the canvas (`kind`: "error", "info"); it fades after a while. A
 *  function gives the text in the page's language, and is asked again when it changes
 *  (`renewNotice`). */
export function notice(message, kind = 'error', ms = 6000) {
  const box = $('notice');
  if (!box) return;
  clearTimeout(noticeTimer);
  noticeText = typeof message === 'function' ? message : null;
  box.textContent = typeof message === 'function' ? message() : message;
  box.dataset.kind = kind;
  box.hidden = false;
  noticeTimer = setTimeout(() => { box.hidden = true; }, ms);
}

/** Says the notice shown again, in the page's language now. */
export function renewNotice() {
  const box = $('notice');
  if (box && !box.hidden && noticeText) box.textContent = noticeText();
}

export function clearNotice() {
  const box = $('notice');
  if (box) box.hidden = true;
}

/** Hides the notice when it says why something was refused: a later success outdates it. */
export function clearRefusal() {
  const box = $('notice');
  if (box && !box.hidden && box.dataset.kind === 'error') box.hidden = true;
}

/** Asks a question in the page's dialog (#ask); resolves true for the first answer, false for
 *  the second, Escape or closing it.
 *  @param {{ title: string, text: string, yes: string, no: string }} q */
export function ask(q) {
  const dialog = /** @type {HTMLDialogElement} */ ($('ask'));
  $('ask-title').textContent = q.title;
  $('ask-text').textContent = q.text;
  $('ask-yes').textContent = q.yes;
  $('ask-no').textContent = q.no;
  dialog.returnValue = '';
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'yes'), { once: true });
    dialog.showModal();
    $('ask-no').focus();
  });
}

/** Asks to choose one of `options` in the page's second dialog (#choose); resolves with the
 *  chosen option's `value`, or null for the cancel button, Escape or closing it.
 *  @param {{ title: string, text: string, no: string, options: { label: string, detail?: string, value: any }[] }} q */
export function choose(q) {
  const dialog = /** @type {HTMLDialogElement} */ ($('choose'));
  $('choose-title').textContent = q.title;
  $('choose-text').textContent = q.text;
  $('choose-no').textContent = q.no;
  const list = $('choose-list');
  list.replaceChildren(...q.options.map((o, i) => {
    const b = el('button', { value: String(i) }, o.label);
    if (o.detail) b.append(el('small', null, o.detail));
    return b;
  }));
  dialog.returnValue = '';
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      const i = dialog.returnValue === '' ? -1 : Number(dialog.returnValue);
      resolve(i >= 0 && i < q.options.length ? q.options[i].value : null);
    }, { once: true });
    dialog.showModal();
    /** @type {HTMLElement | null} */ (list.querySelector('button'))?.focus();
  });
}

/** True when keyboard shortcuts must leave the key to a text field (or to an open dialog). */
export function typingIn(target) {
  if (document.querySelector('dialog[open]')) return true;
  if (!(target instanceof Element)) return false;
  return target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]') !== null;
}

/** Copies text to the clipboard; falls back to a selected textarea where the API is refused. */
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = el('textarea');
    area.value = text;
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

/** Offers `text` as a file download. */
export function download(text, name, type = 'application/json') {
  const a = el('a');
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
