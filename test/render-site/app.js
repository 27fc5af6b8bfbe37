// The SPA: head and article built from data, images given their source only once they scroll into view.
(function () {
  'use strict';
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text) e.textContent = text;
    return e;
  }
  function meta(attr, name, content) {
    var m = el('meta');
    m.setAttribute(attr, name);
    m.setAttribute('content', content);
    document.head.appendChild(m);
  }
  var lazy = new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (!entry.isIntersecting) return;
      entry.target.src = entry.target.__src;
      lazy.unobserve(entry.target);
    });
  });
  function build(a) {
    document.title = a.title + ' | ' + a.site;
    meta('property', 'og:site_name', a.site);
    meta('name', 'author', a.author);
    meta('property', 'article:published_time', a.published);
    var article = el('article');
    article.appendChild(el('h1', {}, a.title));
    article.appendChild(el('p', { class: 'byline' }, 'By ' + a.author));
    article.appendChild(el('time', { datetime: a.published }, '18 April 2026'));
    a.paragraphs.forEach(function (text, i) {
      article.appendChild(el('p', {}, text));
      a.images.forEach(function (img) {
        if (img.after !== i) return;
        var figure = el('figure');
        var image = el('img', { alt: img.alt });
        image.__src = img.src;
        // Tall until loaded, as placeholders are: the images further down are out of view at first.
        image.style.display = 'block';
        image.style.height = '1200px';
        figure.appendChild(image);
        article.appendChild(figure);
        lazy.observe(image);
      });
    });
    var root = document.getElementById('root');
    root.textContent = '';
    root.appendChild(article);
  }
  var inline = document.getElementById('__STATE__');
  var xhr;
  if (inline) {
    build(JSON.parse(inline.textContent));
  } else {
    xhr = new XMLHttpRequest();
    xhr.open('GET', '/api/article.json');
    xhr.onload = function () {
      build(JSON.parse(xhr.responseText));
    };
    xhr.send();
  }
})();
