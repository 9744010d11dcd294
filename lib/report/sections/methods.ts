import type { ReportContext } from '../context.js';
import { type Html, html, raw } from '../html.js';

interface Method {
  readonly en: string;
  readonly zh: string;
  /** Formula markup, fixed text written here (no user input). */
  readonly formula: string;
  readonly noteEn: string;
  readonly noteZh: string;
}

const METHODS: readonly Method[] = [
  {
    en: 'Min–max normalization',
    zh: '极差标准化',
    formula:
      'v = (x − min) / (max − min) for positive indicators; v = (max − x) / (max − min) for negative ones',
    noteEn: 'Minimum and maximum over the pooled panel or within each year, as the model says.',
    noteZh: '最小值与最大值取全样本或逐年，由模型设定。',
  },
  {
    en: 'Entropy weights',
    zh: '熵值法权重',
    formula:
      'p<sub>ij</sub> = v<sub>ij</sub> / Σ<sub>i</sub> v<sub>ij</sub>; e<sub>j</sub> = −(1 / ln n) Σ<sub>i</sub> p<sub>ij</sub> ln p<sub>ij</sub>; w<sub>j</sub> = (1 − e<sub>j</sub>) / Σ<sub>k</sub>(1 − e<sub>k</sub>)',
    noteEn:
      'Subsystem index U = Σ w<sub>j</sub> v<sub>j</sub> with the weights renormalized within the subsystem.',
    noteZh: '子系统综合指数 U = Σ w<sub>j</sub> v<sub>j</sub>，权重在子系统内重新归一。',
  },
  {
    en: 'Coupling coordination',
    zh: '耦合协调度',
    formula:
      'C = [Π<sub>k</sub> U<sub>k</sub> / ((Σ<sub>k</sub> U<sub>k</sub>) / m)<sup>m</sup>]<sup>1/m</sup>; T = Σ<sub>k</sub> α<sub>k</sub> U<sub>k</sub>; D = √(C · T)',
    noteEn:
      'm subsystems; D graded in ten bands of width 0.1 from extreme imbalance to quality coordination.',
    noteZh: 'm 为子系统个数；D 按 0.1 间隔分为十个等级，从极度失调到优质协调。',
  },
  {
    en: 'Factor analysis',
    zh: '因子分析',
    formula:
      'R = Λ Λ<sup>T</sup> + Ψ; principal components of R, varimax rotation; F = Σ<sub>k</sub> (λ<sub>k</sub> / Σ λ) F<sub>k</sub>',
    noteEn:
      'KMO and Bartlett’s test check that the correlations suit factoring; components retained by the model’s rule (Kaiser: eigenvalue above 1). Scores by the regression method.',
    noteZh:
      '以 KMO 与 Bartlett 检验判断是否适合因子分析；按模型规则保留成分（Kaiser 准则：特征值大于 1），回归法计算得分。',
  },
  {
    en: 'Cronbach’s alpha',
    zh: 'Cronbach’s α 系数',
    formula:
      'α = (p / (p − 1)) · (1 − Σ<sub>j</sub> σ<sub>j</sub><sup>2</sup> / σ<sub>total</sub><sup>2</sup>)',
    noteEn: 'Computed on the normalized values, so that all indicators point the same way.',
    noteZh: '基于标准化后的数值计算，使各指标方向一致。',
  },
  {
    en: 'Data envelopment analysis',
    zh: '数据包络分析',
    formula:
      'min θ s.t. Σ<sub>j</sub> λ<sub>j</sub> x<sub>j</sub> ≤ θ x<sub>o</sub>, Σ<sub>j</sub> λ<sub>j</sub> y<sub>j</sub> ≥ y<sub>o</sub>, λ ≥ 0 (CRS); plus Σ λ<sub>j</sub> = 1 (VRS)',
    noteEn:
      'Scale efficiency = CRS / VRS. Input-oriented form shown; the output-oriented form maximizes the output expansion.',
    noteZh: '规模效率 = CRS / VRS。上式为投入导向；产出导向则最大化产出扩张比例。',
  },
  {
    en: 'Malmquist index',
    zh: 'Malmquist 指数',
    formula:
      'M = [D<sup>t</sup>(x<sup>t+1</sup>, y<sup>t+1</sup>) / D<sup>t</sup>(x<sup>t</sup>, y<sup>t</sup>) · D<sup>t+1</sup>(x<sup>t+1</sup>, y<sup>t+1</sup>) / D<sup>t+1</sup>(x<sup>t</sup>, y<sup>t</sup>)]<sup>1/2</sup> = effch × techch',
    noteEn: 'effch = pech × sech, with pure efficiency change from VRS distances.',
    noteZh: 'effch = pech × sech，其中纯技术效率变化由 VRS 距离函数计算。',
  },
  {
    en: 'Hierarchical clustering',
    zh: '系统聚类',
    formula:
      'Ward: d(A ∪ B, C) by the Lance–Williams update; rescaled distance = 1 + 24 (h − h<sub>min</sub>) / (h<sub>max</sub> − h<sub>min</sub>)',
    noteEn: 'Tiers are named by mean score: A leads, the last tier is catching up.',
    noteZh: '按类均值命名梯队：A 为领先，末位为追赶。',
  },
  {
    en: 'Regression',
    zh: '回归分析',
    formula:
      'F = β<sub>0</sub> + Σ<sub>k</sub> β<sub>k</sub> U<sub>k</sub> + ε, ordinary least squares; VIF<sub>k</sub> = 1 / (1 − R<sub>k</sub><sup>2</sup>)',
    noteEn: 'β are standardized coefficients.',
    noteZh: 'β 为标准化系数。',
  },
];

const REFERENCES: readonly string[] = [
  'Shannon, C. E. (1948). A mathematical theory of communication. Bell System Technical Journal, 27, 379–423.',
  'Kaiser, H. F. (1958). The varimax criterion for analytic rotation in factor analysis. Psychometrika, 23, 187–200.',
  'Kaiser, H. F. (1974). An index of factorial simplicity. Psychometrika, 39, 31–36.',
  'Bartlett, M. S. (1950). Tests of significance in factor analysis. British Journal of Psychology, 3, 77–85.',
  'Cronbach, L. J. (1951). Coefficient alpha and the internal structure of tests. Psychometrika, 16, 297–334.',
  'Fornell, C., & Larcker, D. F. (1981). Evaluating structural equation models with unobservable variables and measurement error. Journal of Marketing Research, 18, 39–50.',
  'Charnes, A., Cooper, W. W., & Rhodes, E. (1978). Measuring the efficiency of decision making units. European Journal of Operational Research, 2, 429–444.',
  'Banker, R. D., Charnes, A., & Cooper, W. W. (1984). Some models for estimating technical and scale inefficiencies in DEA. Management Science, 30, 1078–1092.',
  'Färe, R., Grosskopf, S., Norris, M., & Zhang, Z. (1994). Productivity growth, technical progress, and efficiency change in industrialized countries. American Economic Review, 84, 66–83.',
  'Ward, J. H. (1963). Hierarchical grouping to optimize an objective function. Journal of the American Statistical Association, 58, 236–244.',
  'Wang, S., Kong, W., Ren, L., Zhi, D., & Dai, B. (2021). Misconceptions and corrections of the domestic coupling coordination degree model. Journal of Natural Resources, 36(3), 793–810.',
];

/** The methods appendix: each step's formula, its variant, and references. */
export function methodsSection(ctx: ReportContext): Html {
  const zh = ctx.loc.language === 'zh';
  const items = METHODS.map(
    (m) =>
      html`<dt>${zh ? m.zh : m.en}</dt><dd><p class="formula">${raw(m.formula)}</p><p>${raw(zh ? m.noteZh : m.noteEn)}</p></dd>`,
  );
  return html`<dl class="methods">${items}</dl><h3>${ctx.loc.t('references')}</h3><ol class="refs">${REFERENCES.map(
    (r) => html`<li>${r}</li>`,
  )}</ol>`;
}
