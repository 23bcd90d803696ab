/* Search page (site_search plugin): Pagefind's UI over the site's own index.
   Reads ?q= from the header's search box and ?order=newest, and keeps both in the
   address so Back from a result returns to the same search. No other script runs
   on the site; pages read without JavaScript.

   One correction to Pagefind: when a word is in no article, Pagefind searches for its
   longest prefix that is ("archives" finds every page with "a"; upstream issue #780,
   not configurable in 1.5). A reader who searched for a word the columns never use
   should be told so. Each word is checked once against the index; a word whose only
   matches are such shorter prefixes makes the search find nothing. Words being typed
   still find longer ones ("corro" finds "corrosion"). */
(function () {
  "use strict";
  var root = document.getElementById("search");
  if (!root) return;
  var uiScript = document.querySelector("script[src$='pagefind-ui.js']");
  if (typeof window.PagefindUI !== "function" || !uiScript) {
    document.querySelector(".search-unavailable").hidden = false;
    return;
  }

  var params = new URLSearchParams(window.location.search);
  var query = (params.get("q") || "").trim();
  var newest = params.get("order") === "newest";

  // The module Pagefind's UI loads (same URL, so the same loaded index).
  var pagefind = import(new URL("pagefind.js", uiScript.src).href);
  var found = {}; // word -> Promise<boolean>: does the index hold it, or a longer word?
  var verdict = {}; // word -> boolean, once known
  var lastTerm = null;

  function fold(text) {
    return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  }

  function wordsOf(text) {
    return fold(text).match(/[\p{L}\p{N}]+/gu) || [];
  }

  function check(word) {
    if (!found[word]) {
      found[word] = pagefind.then(async function (pf) {
        if ((await pf.search('"' + word + '"')).results.length) return true;
        var loose = await pf.search(word);
        if (!loose.results.length) return true; // nothing either way
        var first = loose.results[0];
        var data = await first.data();
        var seen = wordsOf((data.excerpt.match(/<mark>[^<]*<\/mark>/g) || []).join(" "));
        (first.matchedMetaFields || []).forEach(function (field) {
          seen = seen.concat(wordsOf(String(data.meta[field] || "")));
        });
        return seen.some(function (w) { return w.indexOf(word) === 0; });
      }).then(function (ok) {
        verdict[word] = ok;
        // The UI may have searched before this answer came: search again.
        if (!ok && lastTerm !== null && wordsOf(lastTerm).indexOf(word) !== -1) {
          ui.triggerSearch(/\s$/.test(lastTerm) ? lastTerm.trimEnd() : lastTerm + " ");
        }
        return ok;
      });
    }
    return found[word];
  }

  function checkAll(term) {
    return Promise.all(wordsOf(term).map(check));
  }

  var ui = new window.PagefindUI({
    element: "#search",
    showImages: false,
    showSubResults: false,
    autofocus: !query,
    sort: newest ? { date: "desc" } : null,
    translations: { placeholder: root.getAttribute("data-placeholder") || "Search" },
    processTerm: function (term) {
      lastTerm = term;
      var missing = wordsOf(term).some(function (w) { return verdict[w] === false; });
      // An exact search for a word the index lacks finds nothing, as it should.
      return missing ? '"' + term.trim() + '"' : term;
    }
  });

  // A visible label for the box (Pagefind's UI gives it only a placeholder).
  var input = root.querySelector(".pagefind-ui__search-input");
  var label = document.querySelector("label[for='search-input']");
  if (input && label) {
    input.id = "search-input";
    label.hidden = false;
  }

  function remember(changes) {
    var next = new URLSearchParams(window.location.search);
    Object.keys(changes).forEach(function (key) {
      if (changes[key]) next.set(key, changes[key]);
      else next.delete(key);
    });
    var search = next.toString();
    return window.location.pathname + (search ? "?" + search : "") + window.location.hash;
  }

  root.addEventListener("input", function (event) {
    if (event.target.classList.contains("pagefind-ui__search-input")) {
      checkAll(event.target.value); // usually answered within the UI's typing pause
      window.history.replaceState(null, "", remember({ q: event.target.value.trim() }));
    }
  });

  if (query) {
    var go = function () { ui.triggerSearch(query); };
    checkAll(query).then(go, go);
  }

  // Pagefind's UI takes its sort order once, when created: a new order reloads the page.
  var order = document.getElementById("search-order");
  order.value = newest ? "newest" : "";
  order.addEventListener("change", function () {
    window.location.assign(remember({ order: order.value }));
  });
  order.parentNode.hidden = false;
})();
