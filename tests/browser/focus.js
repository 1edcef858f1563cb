// Describe the focused element: is it (or, for Material's visually hidden radio and checkbox
// inputs, the label drawn for it) visible, and does its focus style differ from its unfocused one?
// Returns null when focus is on the document itself.
() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const settle = () => document.getAnimations().forEach(a => { try { a.finish(); } catch (e) {} });
  settle();  // jump CSS transitions to their end state
  const shown = (e) => { if (!e) return false; const r = e.getBoundingClientRect();
    return r.width >= 1 && r.height >= 1 && e.checkVisibility({opacityProperty: true, visibilityProperty: true}); };
  let target = el;
  if (!shown(el)) {
    const cands = [el.nextElementSibling, ...(el.labels || [])].filter(e => e && e.tagName === 'LABEL');
    target = cands.find(shown) || el;
  }
  const r = target.getBoundingClientRect();
  const visible = shown(target) && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
  const look = () => { const s = getComputedStyle(target);
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.backgroundColor,
            s.borderColor, s.textDecorationLine, s.color, s.opacity].join('|'); };
  const focused = look();
  el.blur(); settle();
  const plain = look();
  el.focus({focusVisible: true, preventScroll: true}); settle();
  const name = (el.getAttribute('aria-label') || el.title || el.textContent || el.name || '').trim().slice(0, 40);
  return {desc: `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} "${name}"`,
          visible, indicator: focused !== plain,
          palette: el.name === '__palette' || (target.htmlFor || '').startsWith('__palette'),
          search: el.classList.contains('md-search__input'),
          key: el.id || el.outerHTML.slice(0, 200)};
}
