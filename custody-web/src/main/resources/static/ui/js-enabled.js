// GOV.UK Frontend's page-template classes, set by an external script because the Content-Security-Policy allows no
// inline script. Loaded synchronously as the first thing in <body>, so styles for JavaScript apply before first paint.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
