import nodemailer from "nodemailer";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  attachments: Array<{ filename: string; content: Buffer; contentType: string }>;
}

export type SendMail = (mail: Mail) => Promise<void>;

/** Sends mail through the SMTP server in SMTP_URL (credentials in the URL, TLS for smtps://). */
export function smtpMailer(smtpUrl: string, from: string): SendMail {
  const transport = nodemailer.createTransport(smtpUrl);
  return async (mail) => {
    await transport.sendMail({ from, ...mail });
  };
}
