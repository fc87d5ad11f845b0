export { renderMail, resolveMailLocale } from './render.js';
export { escapeHtml } from './layout.js';
export {
  DEFAULT_MAIL_LOCALE,
  MAIL_LOCALES,
  MAIL_TEMPLATES,
  type MailBranding,
  type MailLocale,
  type MailTemplate,
  type MailVars,
  type RenderedMail,
  type TemplateVars,
} from './types.js';
