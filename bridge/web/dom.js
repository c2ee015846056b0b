// A tiny element builder. Text goes in as text nodes, never as HTML, so data from the case can
// not inject markup (and the CSP forbids inline script and style anyway).

export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key === 'hidden') node.hidden = true;
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false || child === '') continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function byId(id) {
  return document.getElementById(id);
}

// Fills a <select> with [value, text] pairs, keeping the current choice when it still exists.
export function fillSelect(select, options) {
  const current = select.value;
  select.replaceChildren(...options.map(([value, text]) => el('option', { value }, text)));
  if (options.some(([value]) => value === current)) select.value = current;
}

export function showFieldError(input, errorNode, message) {
  errorNode.textContent = message;
  errorNode.hidden = !message;
  if (message) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
}
