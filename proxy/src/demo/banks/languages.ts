import type { ComboLine } from './types.ts';

/**
 * Messages in other languages and mixed-language messages, labelled like the
 * English ones. Players write in their own language, often mixing in English
 * product words ("bonus", "KYC", "cashout").
 */
export const FOREIGN: Readonly<Record<string, readonly ComboLine[]>> = {
  es: [
    {
      topics: ['deposit'],
      sentiment: 'neutral',
      text: 'hola, hice un depósito de {amount} con {method} y no aparece en mi saldo',
    },
    { topics: ['deposit'], sentiment: 'neutral', text: 'cuál es el depósito mínimo?' },
    { topics: ['withdrawal'], sentiment: 'neutral', text: 'cuánto tarda un retiro a {method}?' },
    {
      topics: ['withdrawal'],
      sentiment: 'negative',
      text: 'mi retiro lleva una semana pendiente, ya es demasiado',
    },
    { topics: ['withdrawal'], sentiment: 'angry', text: 'LADRONES, páguenme mi retiro o los denuncio' },
    {
      topics: ['verification'],
      sentiment: 'neutral',
      text: 'ya subí mi pasaporte, cuánto tarda la verificación?',
    },
    {
      topics: ['account_access'],
      sentiment: 'neutral',
      text: 'no puedo entrar a mi cuenta, olvidé la contraseña',
    },
    { topics: ['bonus'], sentiment: 'neutral', text: 'no recibí mis giros gratis' },
    { topics: ['bonus'], sentiment: 'angry', text: 'me quitaron el bono, son unos estafadores' },
    {
      topics: ['game_issue'],
      sentiment: 'negative',
      text: 'el juego {game} se congeló y perdí mi apuesta, qué mal',
    },
    { topics: ['technical'], sentiment: 'neutral', text: 'la página no carga, sale {errorText}' },
    {
      topics: ['responsible_gambling'],
      sentiment: 'negative',
      text: 'quiero autoexcluirme, perdí demasiado dinero',
    },
    { topics: ['other'], sentiment: 'positive', text: 'muchas gracias por la ayuda!' },
    { topics: ['withdrawal'], sentiment: 'positive', text: 'ya me llegó el retiro, gracias' },
  ],
  pt: [
    {
      topics: ['deposit'],
      sentiment: 'neutral',
      text: 'fiz um depósito via PIX de {amount} e não caiu na conta',
    },
    { topics: ['withdrawal'], sentiment: 'neutral', text: 'quanto tempo demora o saque?' },
    {
      topics: ['withdrawal'],
      sentiment: 'negative',
      text: 'meu saque está pendente faz 5 dias, estou chateado',
    },
    {
      topics: ['withdrawal'],
      sentiment: 'angry',
      text: 'cadê meu saque?? vocês são uns ladrões, vou no Reclame Aqui',
    },
    {
      topics: ['verification'],
      sentiment: 'neutral',
      text: 'enviei meu RG e a selfie, a verificação demora quanto?',
    },
    {
      topics: ['account_access'],
      sentiment: 'neutral',
      text: 'não consigo fazer login, o código SMS não chega',
    },
    { topics: ['bonus'], sentiment: 'neutral', text: 'como funciona o rollover do bônus de boas-vindas?' },
    { topics: ['bonus'], sentiment: 'positive', text: 'recebi as rodadas grátis, obrigado!' },
    {
      topics: ['game_issue'],
      sentiment: 'neutral',
      text: 'minha aposta no {team} ganhou mas não foi liquidada',
    },
    { topics: ['technical'], sentiment: 'negative', text: 'o app trava toda hora, muito chato' },
    { topics: ['account_details'], sentiment: 'neutral', text: 'quero mudar meu e-mail cadastrado' },
    { topics: ['other'], sentiment: 'neutral', text: 'boa noite, tem alguém aí?' },
  ],
  de: [
    {
      topics: ['deposit'],
      sentiment: 'neutral',
      text: 'ich habe {amount} eingezahlt, aber das Guthaben ist nicht da',
    },
    { topics: ['withdrawal'], sentiment: 'neutral', text: 'wie lange dauert eine Auszahlung auf {method}?' },
    {
      topics: ['withdrawal'],
      sentiment: 'negative',
      text: 'meine Auszahlung ist seit einer Woche in Bearbeitung, echt ärgerlich',
    },
    {
      topics: ['withdrawal'],
      sentiment: 'angry',
      text: 'BETRÜGER! zahlt endlich meinen Gewinn aus, sonst geht das an meinen Anwalt',
    },
    {
      topics: ['verification'],
      sentiment: 'neutral',
      text: 'welche Dokumente braucht ihr für die Verifizierung?',
    },
    {
      topics: ['account_access'],
      sentiment: 'neutral',
      text: 'mein Konto ist gesperrt, ich kann mich nicht einloggen',
    },
    { topics: ['bonus'], sentiment: 'neutral', text: 'wo sind meine Freispiele?' },
    { topics: ['game_issue'], sentiment: 'neutral', text: 'das Spiel {game} hängt beim Laden' },
    { topics: ['technical'], sentiment: 'neutral', text: 'die Seite lädt nicht, ist der Server down?' },
    {
      topics: ['responsible_gambling'],
      sentiment: 'neutral',
      text: 'ich möchte ein Einzahlungslimit von {amount} pro Woche setzen',
    },
    {
      topics: ['account_details'],
      sentiment: 'neutral',
      text: 'bitte mein Konto schließen, ich nutze es nicht mehr',
    },
    { topics: ['other'], sentiment: 'positive', text: 'danke für die schnelle Hilfe!' },
  ],
  ru: [
    { topics: ['deposit'], sentiment: 'neutral', text: 'пополнил счет на {amount}, деньги не пришли' },
    { topics: ['withdrawal'], sentiment: 'neutral', text: 'сколько времени занимает вывод на карту?' },
    { topics: ['withdrawal'], sentiment: 'negative', text: 'вывод висит уже неделю, сколько можно ждать' },
    { topics: ['withdrawal'], sentiment: 'angry', text: 'ВЕРНИТЕ МОИ ДЕНЬГИ, мошенники, вывод не приходит' },
    {
      topics: ['verification'],
      sentiment: 'neutral',
      text: 'загрузил паспорт для верификации, когда проверите?',
    },
    {
      topics: ['account_access'],
      sentiment: 'neutral',
      text: 'не могу войти в аккаунт, не приходит смс код',
    },
    { topics: ['bonus'], sentiment: 'neutral', text: 'где мои фриспины? бонус не начислен' },
    {
      topics: ['game_issue'],
      sentiment: 'negative',
      text: 'игра {game} зависла и ставка пропала, очень неприятно',
    },
    { topics: ['technical'], sentiment: 'neutral', text: 'сайт не открывается, дайте рабочее зеркало' },
    {
      topics: ['responsible_gambling'],
      sentiment: 'negative',
      text: 'заблокируйте меня пожалуйста, я слишком много проиграл',
    },
    { topics: ['other'], sentiment: 'positive', text: 'спасибо большое!' },
  ],
  tr: [
    { topics: ['deposit'], sentiment: 'neutral', text: 'Papara ile {amount} yatırdım ama bakiyeme geçmedi' },
    { topics: ['withdrawal'], sentiment: 'neutral', text: 'çekim talebim ne zaman onaylanır?' },
    { topics: ['withdrawal'], sentiment: 'negative', text: 'çekimim 3 gündür beklemede, artık yeter' },
    {
      topics: ['withdrawal'],
      sentiment: 'angry',
      text: 'DOLANDIRICILAR paramı verin, şikayetvar a yazacağım',
    },
    {
      topics: ['verification'],
      sentiment: 'neutral',
      text: 'kimlik fotoğrafımı yükledim, hesap doğrulaması ne kadar sürer?',
    },
    { topics: ['account_access'], sentiment: 'neutral', text: 'hesabıma giriş yapamıyorum, şifremi unuttum' },
    { topics: ['bonus'], sentiment: 'neutral', text: 'yatırım bonusum hesaba tanımlanmadı' },
    { topics: ['game_issue'], sentiment: 'neutral', text: 'kuponum kazandı ama hala sonuçlanmadı' },
    { topics: ['technical'], sentiment: 'neutral', text: 'site açılmıyor, yeni giriş adresi nedir?' },
    { topics: ['other'], sentiment: 'positive', text: 'teşekkürler, iyi akşamlar' },
  ],
  it: [
    {
      topics: ['withdrawal'],
      sentiment: 'neutral',
      text: 'quanto tempo ci vuole per un prelievo con {method}?',
    },
    {
      topics: ['deposit'],
      sentiment: 'negative',
      text: 'ho fatto un deposito ieri e ancora niente, sono deluso',
    },
    { topics: ['bonus'], sentiment: 'neutral', text: 'come si riscattano i giri gratis?' },
    {
      topics: ['verification'],
      sentiment: 'neutral',
      text: 'ho caricato la carta d’identità, quando verificate il conto?',
    },
  ],
  fr: [
    {
      topics: ['withdrawal'],
      sentiment: 'negative',
      text: 'mon retrait est en attente depuis une semaine, c’est long',
    },
    {
      topics: ['account_access'],
      sentiment: 'neutral',
      text: 'je n’arrive pas à me connecter, mot de passe oublié',
    },
    { topics: ['bonus'], sentiment: 'angry', text: 'ARNAQUE, vous avez supprimé mon bonus, voleurs' },
    { topics: ['other'], sentiment: 'positive', text: 'merci beaucoup pour votre aide' },
  ],
  mixed: [
    {
      topics: ['withdrawal'],
      sentiment: 'negative',
      text: 'hola, my retiro is pending desde el lunes, por favor check',
    },
    {
      topics: ['withdrawal'],
      sentiment: 'neutral',
      text: 'hallo, meine Auszahlung to {method} is still processing?',
    },
    { topics: ['deposit'], sentiment: 'neutral', text: 'bro deposit nahi aaya, sent {amount} via {method}' },
    { topics: ['withdrawal'], sentiment: 'angry', text: 'bhai withdrawal kab milega?? scam hai kya' },
    { topics: ['bonus'], sentiment: 'neutral', text: 'oi, cadê o meu bonus? the free spins não apareceram' },
    {
      topics: ['account_access'],
      sentiment: 'neutral',
      text: 'merhaba, I cannot login, şifre reset mail gelmiyor',
    },
    {
      topics: ['verification'],
      sentiment: 'neutral',
      text: 'привет, KYC documents uploaded, когда verification?',
    },
    { topics: ['game_issue'], sentiment: 'negative', text: 'ciao, {game} freezes ogni volta, very annoying' },
    { topics: ['other'], sentiment: 'positive', text: 'gracias amigo, thanks for help' },
    {
      topics: ['deposit', 'bonus'],
      sentiment: 'neutral',
      text: 'hice deposit de {amount} pero no me dieron el bonus',
    },
  ],
};
