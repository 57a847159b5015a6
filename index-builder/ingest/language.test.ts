import { describe, expect, it } from 'vitest'
import { parseStoryFile } from './index'
import { detectLanguage, readLanguage } from './language'
import { fixtureBytes, utf8 } from '../../test/builder/ingest/_fixtures'

describe('languages', () => {
  it.each([
    ['English', 'English'],
    ['Español', 'Spanish'],
    ['Français', 'French'],
    ['中文-普通话 國語', 'Chinese'],
    ['Русский', 'Russian'],
    ['pt-BR', 'Portuguese'],
    ['es', 'Spanish'],
    ['deu', 'German'],
    ['Bahasa Indonesia', 'Indonesian'],
    ['Klingon', null],
  ])('reads the declared language %j as %j', (declared, name) => {
    expect(readLanguage(declared)).toBe(name)
  })

  it.each([
    ['Spanish', 'El faro había estado oscuro durante un año, y nadie en la isla podía decir por qué se había detenido.'],
    ['French', 'Le phare était éteint depuis un an, et personne sur l’île ne savait pourquoi il s’était arrêté de tourner.'],
    ['German', 'Der Leuchtturm war seit einem Jahr dunkel, und niemand auf der Insel wusste, warum er aufgehört hatte.'],
    ['Chinese', '灯塔已经黑了一年，岛上没有人能说出它为什么停了下来。老人每天晚上都走到海边，看着那座黑暗的塔。'],
    ['Japanese', '灯台は一年間暗いままで、島の誰もその理由を言えなかった。老人は毎晩海辺まで歩いて、暗い塔を眺めていた。'],
    ['Russian', 'Маяк был тёмным уже год, и никто на острове не мог сказать, почему он погас и больше не горел.'],
  ])('detects %s from the text', (name, text) => {
    expect(detectLanguage(text)).toBe(name)
  })

  it('leaves a text too short to tell undetected', () => {
    expect(detectLanguage('Fin.')).toBeNull()
  })

  it('takes the language the file declares, else the detected one, and says which', () => {
    expect(parseStoryFile(fixtureBytes('ao3-download.html'), 'a.html').record.language).toBe('English')
    const declared = parseStoryFile(utf8('Title: T\nLanguage: Español\n\nShort.'), 't.txt')
    expect(declared.record.language).toBe('Spanish')
    const detected = parseStoryFile(utf8('Title: T\n\nEl faro había estado oscuro durante un año, y nadie en la isla podía decir por qué.'), 't.txt')
    expect(detected.record.language).toBe('Spanish')
    expect(detected.provenance.language).toBe('detected from the text (franc)')
    expect(parseStoryFile(utf8('Title: T\nLanguage: Klingon\n\nQapla.'), 't.txt').record.language).toBe('Klingon')
  })
})
