// The strict-CSP demo's own script (external, as the policy demands): shows the policy
// the page was served with and counts any violation, so a person can see it stay at 0.
const list = document.getElementById('violation-list');
const count = document.getElementById('violations');
let violations = 0;

document.addEventListener('securitypolicyviolation', (event) => {
  violations += 1;
  count.value = String(violations);
  const item = document.createElement('li');
  item.textContent = `${event.violatedDirective}: ${event.blockedURI || event.sample || '(inline)'}`;
  list.append(item);
});

fetch(location.href, { method: 'HEAD', cache: 'no-store' })
  .then((response) => {
    document.getElementById('policy').textContent =
      response.headers.get('Content-Security-Policy')?.replaceAll('; ', ';\n') ?? 'No Content-Security-Policy header: demo/server.mjs does not send demo/headers.mjs yet.';
  })
  .catch(() => {
    document.getElementById('policy').textContent = 'The policy could not be read.';
  });
