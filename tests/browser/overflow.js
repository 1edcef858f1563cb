// Measure sideways overflow: the page's scroll and client width, and up to five elements that
// stick out without an own scrolling (or clipping) container between them and <body>.
() => {
  const se = document.scrollingElement, w = se.clientWidth;
  const scrolls = (e) => {
    for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
      if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(p).overflowX)) return true;
    }
    return false;
  };
  const wide = [];
  if (se.scrollWidth > w) for (const e of document.body.querySelectorAll('*')) {
    const r = e.getBoundingClientRect();
    if (r.right > w + 1 && r.width > 0 && !scrolls(e)) {
      wide.push(`${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.classList.length ? '.' + [...e.classList].join('.') : ''} (right edge ${Math.round(r.right)}px)`);
      if (wide.length >= 5) break; } }
  return {scrollWidth: se.scrollWidth, clientWidth: w, wide};
}
