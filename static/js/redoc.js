/*
 * Battery Region Education Map: the ReDoc page (/api/redoc/, templates/api/redoc.html). Runs before ReDoc's bundle.
 *
 * ReDoc's side menu always shows Redocly's logo from https://cdn.redoc.ly: a third-party image, which the page's
 * Content Security Policy refuses and which would tell Redocly of every visit. React gives the image its address
 * twice, with setAttribute() and then the src property: both leave that address out and hide the image instead. The
 * "API docs by Redocly" link stays.
 */
(function () {
  "use strict";

  const THIRD_PARTY = "https://cdn.redoc.ly/";

  function refused(image, address) {
    if (String(address).indexOf(THIRD_PARTY) !== 0) {
      return false;
    }
    image.hidden = true;
    return true;
  }

  const setAttribute = Element.prototype.setAttribute;
  Element.prototype.setAttribute = function (name, value) {
    if (!(this instanceof HTMLImageElement && name === "src" && refused(this, value))) {
      setAttribute.call(this, name, value);
    }
  };
  const src = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, "src");
  Object.defineProperty(HTMLImageElement.prototype, "src", {
    configurable: true,
    enumerable: src.enumerable,
    get: src.get,
    set: function (value) {
      if (!refused(this, value)) {
        src.set.call(this, value);
      }
    },
  });
})();
