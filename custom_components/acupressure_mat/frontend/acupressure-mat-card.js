var Ue=Object.defineProperty;var rs=Object.getOwnPropertyDescriptor;var u=(n,e,t)=>()=>{if(t)throw t[0];try{return n&&(e=n(n=0)),e}catch(s){throw t=[s],s}};var is=(n,e)=>{for(var t in e)Ue(n,t,{get:e[t],enumerable:!0})};var m=(n,e,t,s)=>{for(var r=s>1?void 0:s?rs(e,t):e,i=n.length-1,o;i>=0;i--)(o=n[i])&&(r=(s?o(e,t,r):o(r))||r);return s&&r&&Ue(e,t,r),r};var se,ne,ye,Ie,L,je,U,Fe,ve,we=u(()=>{se=globalThis,ne=se.ShadowRoot&&(se.ShadyCSS===void 0||se.ShadyCSS.nativeShadow)&&"adoptedStyleSheets"in Document.prototype&&"replace"in CSSStyleSheet.prototype,ye=Symbol(),Ie=new WeakMap,L=class{constructor(e,t,s){if(this._$cssResult$=!0,s!==ye)throw Error("CSSResult is not constructable. Use `unsafeCSS` or `css` instead.");this.cssText=e,this.t=t}get styleSheet(){let e=this.o,t=this.t;if(ne&&e===void 0){let s=t!==void 0&&t.length===1;s&&(e=Ie.get(t)),e===void 0&&((this.o=e=new CSSStyleSheet).replaceSync(this.cssText),s&&Ie.set(t,e))}return e}toString(){return this.cssText}},je=n=>new L(typeof n=="string"?n:n+"",void 0,ye),U=(n,...e)=>{let t=n.length===1?n[0]:e.reduce((s,r,i)=>s+(o=>{if(o._$cssResult$===!0)return o.cssText;if(typeof o=="number")return o;throw Error("Value passed to 'css' function must be a 'css' function result: "+o+". Use 'unsafeCSS' to pass non-literal values, but take care to ensure page security.")})(r)+n[i+1],n[0]);return new L(t,n,ye)},Fe=(n,e)=>{if(ne)n.adoptedStyleSheets=e.map(t=>t instanceof CSSStyleSheet?t:t.styleSheet);else for(let t of e){let s=document.createElement("style"),r=se.litNonce;r!==void 0&&s.setAttribute("nonce",r),s.textContent=t.cssText,n.appendChild(s)}},ve=ne?n=>n:n=>n instanceof CSSStyleSheet?(e=>{let t="";for(let s of e.cssRules)t+=s.cssText;return je(t)})(n):n});var os,as,ls,ds,cs,us,re,Be,hs,ps,I,j,ie,qe,w,F=u(()=>{we();we();({is:os,defineProperty:as,getOwnPropertyDescriptor:ls,getOwnPropertyNames:ds,getOwnPropertySymbols:cs,getPrototypeOf:us}=Object),re=globalThis,Be=re.trustedTypes,hs=Be?Be.emptyScript:"",ps=re.reactiveElementPolyfillSupport,I=(n,e)=>n,j={toAttribute(n,e){switch(e){case Boolean:n=n?hs:null;break;case Object:case Array:n=n==null?n:JSON.stringify(n)}return n},fromAttribute(n,e){let t=n;switch(e){case Boolean:t=n!==null;break;case Number:t=n===null?null:Number(n);break;case Object:case Array:try{t=JSON.parse(n)}catch{t=null}}return t}},ie=(n,e)=>!os(n,e),qe={attribute:!0,type:String,converter:j,reflect:!1,useDefault:!1,hasChanged:ie};Symbol.metadata??=Symbol("metadata"),re.litPropertyMetadata??=new WeakMap;w=class extends HTMLElement{static addInitializer(e){this._$Ei(),(this.l??=[]).push(e)}static get observedAttributes(){return this.finalize(),this._$Eh&&[...this._$Eh.keys()]}static createProperty(e,t=qe){if(t.state&&(t.attribute=!1),this._$Ei(),this.prototype.hasOwnProperty(e)&&((t=Object.create(t)).wrapped=!0),this.elementProperties.set(e,t),!t.noAccessor){let s=Symbol(),r=this.getPropertyDescriptor(e,s,t);r!==void 0&&as(this.prototype,e,r)}}static getPropertyDescriptor(e,t,s){let{get:r,set:i}=ls(this.prototype,e)??{get(){return this[t]},set(o){this[t]=o}};return{get:r,set(o){let a=r?.call(this);i?.call(this,o),this.requestUpdate(e,a,s)},configurable:!0,enumerable:!0}}static getPropertyOptions(e){return this.elementProperties.get(e)??qe}static _$Ei(){if(this.hasOwnProperty(I("elementProperties")))return;let e=us(this);e.finalize(),e.l!==void 0&&(this.l=[...e.l]),this.elementProperties=new Map(e.elementProperties)}static finalize(){if(this.hasOwnProperty(I("finalized")))return;if(this.finalized=!0,this._$Ei(),this.hasOwnProperty(I("properties"))){let t=this.properties,s=[...ds(t),...cs(t)];for(let r of s)this.createProperty(r,t[r])}let e=this[Symbol.metadata];if(e!==null){let t=litPropertyMetadata.get(e);if(t!==void 0)for(let[s,r]of t)this.elementProperties.set(s,r)}this._$Eh=new Map;for(let[t,s]of this.elementProperties){let r=this._$Eu(t,s);r!==void 0&&this._$Eh.set(r,t)}this.elementStyles=this.finalizeStyles(this.styles)}static finalizeStyles(e){let t=[];if(Array.isArray(e)){let s=new Set(e.flat(1/0).reverse());for(let r of s)t.unshift(ve(r))}else e!==void 0&&t.push(ve(e));return t}static _$Eu(e,t){let s=t.attribute;return s===!1?void 0:typeof s=="string"?s:typeof e=="string"?e.toLowerCase():void 0}constructor(){super(),this._$Ep=void 0,this.isUpdatePending=!1,this.hasUpdated=!1,this._$Em=null,this._$Ev()}_$Ev(){this._$ES=new Promise(e=>this.enableUpdating=e),this._$AL=new Map,this._$E_(),this.requestUpdate(),this.constructor.l?.forEach(e=>e(this))}addController(e){(this._$EO??=new Set).add(e),this.renderRoot!==void 0&&this.isConnected&&e.hostConnected?.()}removeController(e){this._$EO?.delete(e)}_$E_(){let e=new Map,t=this.constructor.elementProperties;for(let s of t.keys())this.hasOwnProperty(s)&&(e.set(s,this[s]),delete this[s]);e.size>0&&(this._$Ep=e)}createRenderRoot(){let e=this.shadowRoot??this.attachShadow(this.constructor.shadowRootOptions);return Fe(e,this.constructor.elementStyles),e}connectedCallback(){this.renderRoot??=this.createRenderRoot(),this.enableUpdating(!0),this._$EO?.forEach(e=>e.hostConnected?.())}enableUpdating(e){}disconnectedCallback(){this._$EO?.forEach(e=>e.hostDisconnected?.())}attributeChangedCallback(e,t,s){this._$AK(e,s)}_$ET(e,t){let s=this.constructor.elementProperties.get(e),r=this.constructor._$Eu(e,s);if(r!==void 0&&s.reflect===!0){let i=(s.converter?.toAttribute!==void 0?s.converter:j).toAttribute(t,s.type);this._$Em=e,i==null?this.removeAttribute(r):this.setAttribute(r,i),this._$Em=null}}_$AK(e,t){let s=this.constructor,r=s._$Eh.get(e);if(r!==void 0&&this._$Em!==r){let i=s.getPropertyOptions(r),o=typeof i.converter=="function"?{fromAttribute:i.converter}:i.converter?.fromAttribute!==void 0?i.converter:j;this._$Em=r;let a=o.fromAttribute(t,i.type);this[r]=a??this._$Ej?.get(r)??a,this._$Em=null}}requestUpdate(e,t,s,r=!1,i){if(e!==void 0){let o=this.constructor;if(r===!1&&(i=this[e]),s??=o.getPropertyOptions(e),!((s.hasChanged??ie)(i,t)||s.useDefault&&s.reflect&&i===this._$Ej?.get(e)&&!this.hasAttribute(o._$Eu(e,s))))return;this.C(e,t,s)}this.isUpdatePending===!1&&(this._$ES=this._$EP())}C(e,t,{useDefault:s,reflect:r,wrapped:i},o){s&&!(this._$Ej??=new Map).has(e)&&(this._$Ej.set(e,o??t??this[e]),i!==!0||o!==void 0)||(this._$AL.has(e)||(this.hasUpdated||s||(t=void 0),this._$AL.set(e,t)),r===!0&&this._$Em!==e&&(this._$Eq??=new Set).add(e))}async _$EP(){this.isUpdatePending=!0;try{await this._$ES}catch(t){Promise.reject(t)}let e=this.scheduleUpdate();return e!=null&&await e,!this.isUpdatePending}scheduleUpdate(){return this.performUpdate()}performUpdate(){if(!this.isUpdatePending)return;if(!this.hasUpdated){if(this.renderRoot??=this.createRenderRoot(),this._$Ep){for(let[r,i]of this._$Ep)this[r]=i;this._$Ep=void 0}let s=this.constructor.elementProperties;if(s.size>0)for(let[r,i]of s){let{wrapped:o}=i,a=this[r];o!==!0||this._$AL.has(r)||a===void 0||this.C(r,void 0,i,a)}}let e=!1,t=this._$AL;try{e=this.shouldUpdate(t),e?(this.willUpdate(t),this._$EO?.forEach(s=>s.hostUpdate?.()),this.update(t)):this._$EM()}catch(s){throw e=!1,this._$EM(),s}e&&this._$AE(t)}willUpdate(e){}_$AE(e){this._$EO?.forEach(t=>t.hostUpdated?.()),this.hasUpdated||(this.hasUpdated=!0,this.firstUpdated(e)),this.updated(e)}_$EM(){this._$AL=new Map,this.isUpdatePending=!1}get updateComplete(){return this.getUpdateComplete()}getUpdateComplete(){return this._$ES}shouldUpdate(e){return!0}update(e){this._$Eq&&=this._$Eq.forEach(t=>this._$ET(t,this[t])),this._$EM()}updated(e){}firstUpdated(e){}};w.elementStyles=[],w.shadowRootOptions={mode:"open"},w[I("elementProperties")]=new Map,w[I("finalized")]=new Map,ps?.({ReactiveElement:w}),(re.reactiveElementVersions??=[]).push("2.1.2")});function st(n,e){if(!Ne(n)||!n.hasOwnProperty("raw"))throw Error("invalid template strings array");return Ve!==void 0?Ve.createHTML(e):e}function D(n,e,t=n,s){if(e===T)return e;let r=s!==void 0?t._$Co?.[s]:t._$Cl,i=W(e)?void 0:e._$litDirective$;return r?.constructor!==i&&(r?._$AO?.(!1),i===void 0?r=void 0:(r=new i(n),r._$AT(n,t,s)),s!==void 0?(t._$Co??=[])[s]=r:t._$Cl=r),r!==void 0&&(e=D(n,r._$AS(n,e.values),r,s)),e}var Ce,We,oe,Ve,Je,S,Qe,ms,N,q,W,Ne,gs,xe,B,Ke,Ge,k,Ye,Xe,et,Te,c,tt,Ls,T,d,Ze,C,fs,V,$e,K,z,Ee,Se,Ae,ke,_s,nt,ae=u(()=>{Ce=globalThis,We=n=>n,oe=Ce.trustedTypes,Ve=oe?oe.createPolicy("lit-html",{createHTML:n=>n}):void 0,Je="$lit$",S=`lit$${Math.random().toFixed(9).slice(2)}$`,Qe="?"+S,ms=`<${Qe}>`,N=document,q=()=>N.createComment(""),W=n=>n===null||typeof n!="object"&&typeof n!="function",Ne=Array.isArray,gs=n=>Ne(n)||typeof n?.[Symbol.iterator]=="function",xe=`[ 	
\f\r]`,B=/<(?:(!--|\/[^a-zA-Z])|(\/?[a-zA-Z][^>\s]*)|(\/?$))/g,Ke=/-->/g,Ge=/>/g,k=RegExp(`>|${xe}(?:([^\\s"'>=/]+)(${xe}*=${xe}*(?:[^ 	
\f\r"'\`<>=]|("|')|))|$)`,"g"),Ye=/'/g,Xe=/"/g,et=/^(?:script|style|textarea|title)$/i,Te=n=>(e,...t)=>({_$litType$:n,strings:e,values:t}),c=Te(1),tt=Te(2),Ls=Te(3),T=Symbol.for("lit-noChange"),d=Symbol.for("lit-nothing"),Ze=new WeakMap,C=N.createTreeWalker(N,129);fs=(n,e)=>{let t=n.length-1,s=[],r,i=e===2?"<svg>":e===3?"<math>":"",o=B;for(let a=0;a<t;a++){let l=n[a],p,g,h=-1,v=0;for(;v<l.length&&(o.lastIndex=v,g=o.exec(l),g!==null);)v=o.lastIndex,o===B?g[1]==="!--"?o=Ke:g[1]!==void 0?o=Ge:g[2]!==void 0?(et.test(g[2])&&(r=RegExp("</"+g[2],"g")),o=k):g[3]!==void 0&&(o=k):o===k?g[0]===">"?(o=r??B,h=-1):g[1]===void 0?h=-2:(h=o.lastIndex-g[2].length,p=g[1],o=g[3]===void 0?k:g[3]==='"'?Xe:Ye):o===Xe||o===Ye?o=k:o===Ke||o===Ge?o=B:(o=k,r=void 0);let E=o===k&&n[a+1].startsWith("/>")?" ":"";i+=o===B?l+ms:h>=0?(s.push(p),l.slice(0,h)+Je+l.slice(h)+S+E):l+S+(h===-2?a:E)}return[st(n,i+(n[t]||"<?>")+(e===2?"</svg>":e===3?"</math>":"")),s]},V=class n{constructor({strings:e,_$litType$:t},s){let r;this.parts=[];let i=0,o=0,a=e.length-1,l=this.parts,[p,g]=fs(e,t);if(this.el=n.createElement(p,s),C.currentNode=this.el.content,t===2||t===3){let h=this.el.content.firstChild;h.replaceWith(...h.childNodes)}for(;(r=C.nextNode())!==null&&l.length<a;){if(r.nodeType===1){if(r.hasAttributes())for(let h of r.getAttributeNames())if(h.endsWith(Je)){let v=g[o++],E=r.getAttribute(h).split(S),te=/([.?@])?(.*)/.exec(v);l.push({type:1,index:i,name:te[2],strings:E,ctor:te[1]==="."?Ee:te[1]==="?"?Se:te[1]==="@"?Ae:z}),r.removeAttribute(h)}else h.startsWith(S)&&(l.push({type:6,index:i}),r.removeAttribute(h));if(et.test(r.tagName)){let h=r.textContent.split(S),v=h.length-1;if(v>0){r.textContent=oe?oe.emptyScript:"";for(let E=0;E<v;E++)r.append(h[E],q()),C.nextNode(),l.push({type:2,index:++i});r.append(h[v],q())}}}else if(r.nodeType===8)if(r.data===Qe)l.push({type:2,index:i});else{let h=-1;for(;(h=r.data.indexOf(S,h+1))!==-1;)l.push({type:7,index:i}),h+=S.length-1}i++}}static createElement(e,t){let s=N.createElement("template");return s.innerHTML=e,s}};$e=class{constructor(e,t){this._$AV=[],this._$AN=void 0,this._$AD=e,this._$AM=t}get parentNode(){return this._$AM.parentNode}get _$AU(){return this._$AM._$AU}u(e){let{el:{content:t},parts:s}=this._$AD,r=(e?.creationScope??N).importNode(t,!0);C.currentNode=r;let i=C.nextNode(),o=0,a=0,l=s[0];for(;l!==void 0;){if(o===l.index){let p;l.type===2?p=new K(i,i.nextSibling,this,e):l.type===1?p=new l.ctor(i,l.name,l.strings,this,e):l.type===6&&(p=new ke(i,this,e)),this._$AV.push(p),l=s[++a]}o!==l?.index&&(i=C.nextNode(),o++)}return C.currentNode=N,r}p(e){let t=0;for(let s of this._$AV)s!==void 0&&(s.strings!==void 0?(s._$AI(e,s,t),t+=s.strings.length-2):s._$AI(e[t])),t++}},K=class n{get _$AU(){return this._$AM?._$AU??this._$Cv}constructor(e,t,s,r){this.type=2,this._$AH=d,this._$AN=void 0,this._$AA=e,this._$AB=t,this._$AM=s,this.options=r,this._$Cv=r?.isConnected??!0}get parentNode(){let e=this._$AA.parentNode,t=this._$AM;return t!==void 0&&e?.nodeType===11&&(e=t.parentNode),e}get startNode(){return this._$AA}get endNode(){return this._$AB}_$AI(e,t=this){e=D(this,e,t),W(e)?e===d||e==null||e===""?(this._$AH!==d&&this._$AR(),this._$AH=d):e!==this._$AH&&e!==T&&this._(e):e._$litType$!==void 0?this.$(e):e.nodeType!==void 0?this.T(e):gs(e)?this.k(e):this._(e)}O(e){return this._$AA.parentNode.insertBefore(e,this._$AB)}T(e){this._$AH!==e&&(this._$AR(),this._$AH=this.O(e))}_(e){this._$AH!==d&&W(this._$AH)?this._$AA.nextSibling.data=e:this.T(N.createTextNode(e)),this._$AH=e}$(e){let{values:t,_$litType$:s}=e,r=typeof s=="number"?this._$AC(e):(s.el===void 0&&(s.el=V.createElement(st(s.h,s.h[0]),this.options)),s);if(this._$AH?._$AD===r)this._$AH.p(t);else{let i=new $e(r,this),o=i.u(this.options);i.p(t),this.T(o),this._$AH=i}}_$AC(e){let t=Ze.get(e.strings);return t===void 0&&Ze.set(e.strings,t=new V(e)),t}k(e){Ne(this._$AH)||(this._$AH=[],this._$AR());let t=this._$AH,s,r=0;for(let i of e)r===t.length?t.push(s=new n(this.O(q()),this.O(q()),this,this.options)):s=t[r],s._$AI(i),r++;r<t.length&&(this._$AR(s&&s._$AB.nextSibling,r),t.length=r)}_$AR(e=this._$AA.nextSibling,t){for(this._$AP?.(!1,!0,t);e!==this._$AB;){let s=We(e).nextSibling;We(e).remove(),e=s}}setConnected(e){this._$AM===void 0&&(this._$Cv=e,this._$AP?.(e))}},z=class{get tagName(){return this.element.tagName}get _$AU(){return this._$AM._$AU}constructor(e,t,s,r,i){this.type=1,this._$AH=d,this._$AN=void 0,this.element=e,this.name=t,this._$AM=r,this.options=i,s.length>2||s[0]!==""||s[1]!==""?(this._$AH=Array(s.length-1).fill(new String),this.strings=s):this._$AH=d}_$AI(e,t=this,s,r){let i=this.strings,o=!1;if(i===void 0)e=D(this,e,t,0),o=!W(e)||e!==this._$AH&&e!==T,o&&(this._$AH=e);else{let a=e,l,p;for(e=i[0],l=0;l<i.length-1;l++)p=D(this,a[s+l],t,l),p===T&&(p=this._$AH[l]),o||=!W(p)||p!==this._$AH[l],p===d?e=d:e!==d&&(e+=(p??"")+i[l+1]),this._$AH[l]=p}o&&!r&&this.j(e)}j(e){e===d?this.element.removeAttribute(this.name):this.element.setAttribute(this.name,e??"")}},Ee=class extends z{constructor(){super(...arguments),this.type=3}j(e){this.element[this.name]=e===d?void 0:e}},Se=class extends z{constructor(){super(...arguments),this.type=4}j(e){this.element.toggleAttribute(this.name,!!e&&e!==d)}},Ae=class extends z{constructor(e,t,s,r,i){super(e,t,s,r,i),this.type=5}_$AI(e,t=this){if((e=D(this,e,t,0)??d)===T)return;let s=this._$AH,r=e===d&&s!==d||e.capture!==s.capture||e.once!==s.once||e.passive!==s.passive,i=e!==d&&(s===d||r);r&&this.element.removeEventListener(this.name,this,s),i&&this.element.addEventListener(this.name,this,e),this._$AH=e}handleEvent(e){typeof this._$AH=="function"?this._$AH.call(this.options?.host??this.element,e):this._$AH.handleEvent(e)}},ke=class{constructor(e,t,s){this.element=e,this.type=6,this._$AN=void 0,this._$AM=t,this.options=s}get _$AU(){return this._$AM._$AU}_$AI(e){D(this,e)}},_s=Ce.litHtmlPolyfillSupport;_s?.(V,K),(Ce.litHtmlVersions??=[]).push("3.3.3");nt=(n,e,t)=>{let s=t?.renderBefore??e,r=s._$litPart$;if(r===void 0){let i=t?.renderBefore??null;s._$litPart$=r=new K(e.insertBefore(q(),i),i,void 0,t??{})}return r._$AI(n),r}});var Re,f,bs,rt=u(()=>{F();F();ae();ae();Re=globalThis,f=class extends w{constructor(){super(...arguments),this.renderOptions={host:this},this._$Do=void 0}createRenderRoot(){let e=super.createRenderRoot();return this.renderOptions.renderBefore??=e.firstChild,e}update(e){let t=this.render();this.hasUpdated||(this.renderOptions.isConnected=this.isConnected),super.update(e),this._$Do=nt(t,this.renderRoot,this.renderOptions)}connectedCallback(){super.connectedCallback(),this._$Do?.setConnected(!0)}disconnectedCallback(){super.disconnectedCallback(),this._$Do?.setConnected(!1)}render(){return T}};f._$litElement$=!0,f.finalized=!0,Re.litElementHydrateSupport?.({LitElement:f});bs=Re.litElementPolyfillSupport;bs?.({LitElement:f});(Re.litElementVersions??=[]).push("4.2.2")});var it=u(()=>{});var G=u(()=>{F();ae();rt();it()});var ot=u(()=>{});function x(n){return(e,t)=>typeof t=="object"?vs(n,e,t):((s,r,i)=>{let o=r.hasOwnProperty(i);return r.constructor.createProperty(i,s),o?Object.getOwnPropertyDescriptor(r,i):void 0})(n,e,t)}var ys,vs,Me=u(()=>{F();ys={attribute:!0,type:String,converter:j,reflect:!1,hasChanged:ie},vs=(n=ys,e,t)=>{let{kind:s,metadata:r}=t,i=globalThis.litPropertyMetadata.get(r);if(i===void 0&&globalThis.litPropertyMetadata.set(r,i=new Map),s==="setter"&&((n=Object.create(n)).wrapped=!0),i.set(t.name,n),s==="accessor"){let{name:o}=t;return{set(a){let l=e.get.call(this);e.set.call(this,a),this.requestUpdate(o,l,n,!0,a)},init(a){return a!==void 0&&this.C(o,void 0,n,a),a}}}if(s==="setter"){let{name:o}=t;return function(a){let l=this[o];e.call(this,a),this.requestUpdate(o,l,n,!0,a)}}throw Error("Unsupported decorator location: "+s)}});function $(n){return x({...n,state:!0,attribute:!1})}var at=u(()=>{Me();});var lt=u(()=>{});var O=u(()=>{});var dt=u(()=>{O();});var ct=u(()=>{O();});var ut=u(()=>{O();});var ht=u(()=>{O();});var pt=u(()=>{O();});var de=u(()=>{ot();Me();at();lt();dt();ct();ut();ht();pt()});var A,ce=u(()=>{"use strict";A="acupressure_mat"});var vt,yt=u(()=>{vt={card:{name:"Akupressurmatte",description:"Starte eine Mattensitzung mit einem Tippen, verfolge den Countdown und bewerte sie danach."},status:{idle:"Bereit",running:"Läuft",paused:"Pausiert"},presets:{title:"Sitzung starten",unit:"Min.",start:"Eine Sitzung mit {minutes} Minuten starten",recommended:"Empfohlen",start_recommended:"Eine Sitzung mit {minutes} Minuten starten, der empfohlenen Länge",why:"Warum {minutes} Minuten?"},basis:{beginner_progression:"Du steigerst dich noch: Sitzungen beginnen mit 15 Minuten und werden 5 Minuten länger, sobald du drei Sitzungen nacheinander beendet hast, die sich mindestens okay angefühlt haben.",best_sleep_score:"Nach Sitzungen etwa dieser Länge hattest du den besten Schlafwert ({nights} Nächte mit Schlafdaten).",shortest_latency:"Nach Sitzungen etwa dieser Länge bist du am schnellsten eingeschlafen ({nights} Nächte mit Schlafdaten).",longest_sleep:"Nach Sitzungen etwa dieser Länge hast du am längsten geschlafen ({nights} Nächte mit Schlafdaten)."},body_area:{title:"Körperbereich",back:"Rücken",neck:"Nacken",feet:"Füße"},sleep:{title:"Letzte Nacht",score:"Schlafwert {score}",duration:"{duration} Schlaf",none:"Noch keine Schlafdaten"},evidence:{title:"Effekt auf den Schlaf",higher_on_mat_nights:"Schlafwert {difference} in Mattennächten (Bereich {low} bis {high}, {mat} gegen {other} Nächte)",lower_on_mat_nights:"Schlafwert {difference} in Mattennächten (Bereich {low} bis {high}, {mat} gegen {other} Nächte)",no_clear_difference:"Noch zu wenige Nächte für eine Aussage (Bereich {low} bis {high}, {mat} gegen {other} Nächte)",not_enough_nights:"Noch zu wenige Nächte für eine Aussage ({mat} und {other} Nächte)"},stats:{streak:"Serie",streak_value_one:"{count} Abend",streak_value_other:"{count} Abende",week:"Diese Woche"},countdown:{left:"übrig",of:"von {minutes} Min. · {area}",time_left:"Noch {minutes} Min. {seconds} Sek."},controls:{pause:"Pause",resume:"Fortsetzen",extend:"+{minutes} Min.",extend_label:"{minutes} Minuten verlängern",extend_max:"Eine Sitzung dauert höchstens {max} Minuten",stop:"Beenden",stop_label:"Die Sitzung beenden"},rating:{title:"Wie hat es sich angefühlt?",subtitle:"Bewerte die Sitzung, die gerade zu Ende gegangen ist.",star:"{rating} von 5: {word}",word_1:"Unangenehm",word_2:"Eher unangenehm",word_3:"Okay",word_4:"Gut",word_5:"Sehr gut",later:"Später",thanks:"Danke, deine Bewertung ist gespeichert."},errors:{no_entity:"Wähle in den Einstellungen der Karte den Sitzungssensor der Matte.",not_found:"{entity} wurde nicht gefunden.",not_a_mat:"{entity} ist nicht der Sitzungssensor einer Akupressurmatte.",unavailable:"Die Matte ist nicht verfügbar.",dismiss:"Schließen"},editor:{entity:"Matte (ihr Sitzungssensor)",name:"Titel (sonst der Name der Matte)",show_presets:"Vorgaben und empfohlene Länge",show_body_area:"Auswahl des Körperbereichs",show_sleep:"Schlaf der letzten Nacht und Effekt auf den Schlaf",show_stats:"Serie und Minuten dieser Woche",show_rating:"Bewertung nach einer Sitzung"}}});var xt,wt=u(()=>{xt={card:{name:"Acupressure mat",description:"Start a mat session in one tap, follow its countdown and rate it afterwards."},status:{idle:"Ready",running:"Running",paused:"Paused"},presets:{title:"Start a session",unit:"min",start:"Start a {minutes} minute session",recommended:"Recommended",start_recommended:"Start a {minutes} minute session, the recommended length",why:"Why {minutes} minutes?"},basis:{beginner_progression:"You are still building up: sessions start at 15 minutes and grow by 5 after three completed sessions in a row that felt okay or better.",best_sleep_score:"Your sleep scored best after sessions of about this length ({nights} nights with sleep data).",shortest_latency:"You fell asleep fastest after sessions of about this length ({nights} nights with sleep data).",longest_sleep:"You slept longest after sessions of about this length ({nights} nights with sleep data)."},body_area:{title:"Body area",back:"Back",neck:"Neck",feet:"Feet"},sleep:{title:"Last night",score:"Sleep score {score}",duration:"{duration} of sleep",none:"No sleep data yet"},evidence:{title:"Sleep effect",higher_on_mat_nights:"Sleep score {difference} on mat nights (band {low} to {high}, {mat} vs {other} nights)",lower_on_mat_nights:"Sleep score {difference} on mat nights (band {low} to {high}, {mat} vs {other} nights)",no_clear_difference:"Not enough nights to tell yet (band {low} to {high}, {mat} vs {other} nights)",not_enough_nights:"Not enough nights to tell yet ({mat} and {other} nights)"},stats:{streak:"Streak",streak_value_one:"{count} evening",streak_value_other:"{count} evenings",week:"This week"},countdown:{left:"left",of:"of {minutes} min · {area}",time_left:"{minutes} min {seconds} s left"},controls:{pause:"Pause",resume:"Resume",extend:"+{minutes} min",extend_label:"Add {minutes} minutes",extend_max:"A session lasts {max} minutes at most",stop:"Stop",stop_label:"Stop the session"},rating:{title:"How did that feel?",subtitle:"Rate the session you just finished.",star:"{rating} of 5: {word}",word_1:"Unpleasant",word_2:"Uncomfortable",word_3:"Okay",word_4:"Good",word_5:"Very good",later:"Not now",thanks:"Thanks, your rating is saved."},errors:{no_entity:"Choose the mat's session sensor in the card's settings.",not_found:"{entity} was not found.",not_a_mat:"{entity} is not the session sensor of an acupressure mat.",unavailable:"The mat is unavailable.",dismiss:"Dismiss"},editor:{entity:"Mat (its session sensor)",name:"Title (default: the mat's name)",show_presets:"Presets and the recommended length",show_body_area:"Body area choice",show_sleep:"Last night's sleep and the sleep effect",show_stats:"Streak and this week's minutes",show_rating:"Rating prompt after a session"}}});var Et,$t=u(()=>{Et={card:{name:"Esterilla de acupresión",description:"Empieza una sesión en la esterilla con un toque, sigue la cuenta atrás y valórala después."},status:{idle:"Lista",running:"En marcha",paused:"En pausa"},presets:{title:"Empezar una sesión",unit:"min",start:"Empezar una sesión de {minutes} minutos",recommended:"Recomendada",start_recommended:"Empezar una sesión de {minutes} minutos, la duración recomendada",why:"¿Por qué {minutes} minutos?"},basis:{beginner_progression:"Todavía estás empezando: las sesiones empiezan con 15 minutos y se alargan 5 minutos después de tres sesiones completadas seguidas que te parecieron al menos normales.",best_sleep_score:"Tu puntuación de sueño fue la mejor después de sesiones de más o menos esta duración ({nights} noches con datos de sueño).",shortest_latency:"Tardaste menos en dormirte después de sesiones de más o menos esta duración ({nights} noches con datos de sueño).",longest_sleep:"Dormiste más tiempo después de sesiones de más o menos esta duración ({nights} noches con datos de sueño)."},body_area:{title:"Zona del cuerpo",back:"Espalda",neck:"Cuello",feet:"Pies"},sleep:{title:"Anoche",score:"Puntuación de sueño {score}",duration:"{duration} de sueño",none:"Aún no hay datos de sueño"},evidence:{title:"Efecto en el sueño",higher_on_mat_nights:"Puntuación de sueño {difference} en noches con esterilla (intervalo {low} a {high}, {mat} frente a {other} noches)",lower_on_mat_nights:"Puntuación de sueño {difference} en noches con esterilla (intervalo {low} a {high}, {mat} frente a {other} noches)",no_clear_difference:"Aún no hay noches suficientes para saberlo (intervalo {low} a {high}, {mat} frente a {other} noches)",not_enough_nights:"Aún no hay noches suficientes para saberlo ({mat} y {other} noches)"},stats:{streak:"Racha",streak_value_one:"{count} noche",streak_value_other:"{count} noches",week:"Esta semana"},countdown:{left:"restante",of:"de {minutes} min · {area}",time_left:"Tiempo restante: {minutes} min {seconds} s"},controls:{pause:"Pausa",resume:"Reanudar",extend:"+{minutes} min",extend_label:"Añadir {minutes} minutos",extend_max:"Una sesión dura como máximo {max} minutos",stop:"Detener",stop_label:"Detener la sesión"},rating:{title:"¿Qué tal ha ido?",subtitle:"Valora la sesión que acabas de terminar.",star:"{rating} de 5: {word}",word_1:"Desagradable",word_2:"Incómoda",word_3:"Normal",word_4:"Bien",word_5:"Muy bien",later:"Ahora no",thanks:"Gracias, tu valoración se ha guardado."},errors:{no_entity:"Elige el sensor de sesión de la esterilla en la configuración de la tarjeta.",not_found:"No se ha encontrado {entity}.",not_a_mat:"{entity} no es el sensor de sesión de una esterilla de acupresión.",unavailable:"La esterilla no está disponible.",dismiss:"Cerrar"},editor:{entity:"Esterilla (su sensor de sesión)",name:"Título (por defecto: el nombre de la esterilla)",show_presets:"Duraciones rápidas y duración recomendada",show_body_area:"Elección de la zona del cuerpo",show_sleep:"Sueño de anoche y efecto en el sueño",show_stats:"Racha y minutos de esta semana",show_rating:"Petición de valoración después de una sesión"}}});var At,St=u(()=>{At={card:{name:"Tapis d'acupression",description:"Démarrez une séance sur le tapis d'un geste, suivez le compte à rebours et notez-la ensuite."},status:{idle:"Prêt",running:"En cours",paused:"En pause"},presets:{title:"Démarrer une séance",unit:"min",start:"Démarrer une séance de {minutes} minutes",recommended:"Recommandé",start_recommended:"Démarrer une séance de {minutes} minutes, la durée recommandée",why:"Pourquoi {minutes} minutes ?"},basis:{beginner_progression:"Vous êtes encore en progression : les séances commencent à 15 minutes et s'allongent de 5 minutes après trois séances terminées d'affilée, ressenties au moins comme correctes.",best_sleep_score:"Votre score de sommeil était le meilleur après des séances d'environ cette durée ({nights} nuits avec données de sommeil).",shortest_latency:"C'est après des séances d'environ cette durée que l'endormissement a été le plus rapide ({nights} nuits avec données de sommeil).",longest_sleep:"C'est après des séances d'environ cette durée que vous avez dormi le plus longtemps ({nights} nuits avec données de sommeil)."},body_area:{title:"Zone du corps",back:"Dos",neck:"Nuque",feet:"Pieds"},sleep:{title:"Nuit dernière",score:"Score de sommeil {score}",duration:"{duration} de sommeil",none:"Pas encore de données de sommeil"},evidence:{title:"Effet sur le sommeil",higher_on_mat_nights:"Score de sommeil {difference} les nuits avec tapis (intervalle {low} à {high}, {mat} contre {other} nuits)",lower_on_mat_nights:"Score de sommeil {difference} les nuits avec tapis (intervalle {low} à {high}, {mat} contre {other} nuits)",no_clear_difference:"Pas encore assez de nuits pour le dire (intervalle {low} à {high}, {mat} contre {other} nuits)",not_enough_nights:"Pas encore assez de nuits pour le dire ({mat} et {other} nuits)"},stats:{streak:"Série",streak_value_one:"{count} soir",streak_value_other:"{count} soirs",week:"Cette semaine"},countdown:{left:"restant",of:"sur {minutes} min · {area}",time_left:"Il reste {minutes} min {seconds} s"},controls:{pause:"Pause",resume:"Reprendre",extend:"+{minutes} min",extend_label:"Ajouter {minutes} minutes",extend_max:"Une séance dure au plus {max} minutes",stop:"Arrêter",stop_label:"Arrêter la séance"},rating:{title:"Comment s'est passée la séance ?",subtitle:"Notez la séance que vous venez de terminer.",star:"{rating} sur 5 : {word}",word_1:"Désagréable",word_2:"Inconfortable",word_3:"Correct",word_4:"Bien",word_5:"Très bien",later:"Pas maintenant",thanks:"Merci, votre note est enregistrée."},errors:{no_entity:"Choisissez le capteur de séance du tapis dans les paramètres de la carte.",not_found:"{entity} est introuvable.",not_a_mat:"{entity} n'est pas le capteur de séance d'un tapis d'acupression.",unavailable:"Le tapis est indisponible.",dismiss:"Fermer"},editor:{entity:"Tapis (son capteur de séance)",name:"Titre (par défaut : le nom du tapis)",show_presets:"Durées prédéfinies et durée recommandée",show_body_area:"Choix de la zone du corps",show_sleep:"Sommeil de la nuit dernière et effet sur le sommeil",show_stats:"Série et minutes de la semaine",show_rating:"Demande de note après une séance"}}});var Ct,kt=u(()=>{Ct={card:{name:"Acupressuurmat",description:"Start een matsessie met één tik, volg het aftellen en beoordeel de sessie daarna."},status:{idle:"Klaar",running:"Actief",paused:"Gepauzeerd"},presets:{title:"Sessie starten",unit:"min",start:"Een sessie van {minutes} minuten starten",recommended:"Aanbevolen",start_recommended:"Een sessie van {minutes} minuten starten, de aanbevolen duur",why:"Waarom {minutes} minuten?"},basis:{beginner_progression:"Je bouwt nog op: sessies beginnen bij 15 minuten en worden 5 minuten langer na drie afgeronde sessies op rij die minstens oké voelden.",best_sleep_score:"Na sessies van ongeveer deze duur had je de beste slaapscore ({nights} nachten met slaapgegevens).",shortest_latency:"Na sessies van ongeveer deze duur viel je het snelst in slaap ({nights} nachten met slaapgegevens).",longest_sleep:"Na sessies van ongeveer deze duur sliep je het langst ({nights} nachten met slaapgegevens)."},body_area:{title:"Lichaamsdeel",back:"Rug",neck:"Nek",feet:"Voeten"},sleep:{title:"Afgelopen nacht",score:"Slaapscore {score}",duration:"{duration} slaap",none:"Nog geen slaapgegevens"},evidence:{title:"Effect op de slaap",higher_on_mat_nights:"Slaapscore {difference} op matnachten (band {low} tot {high}, {mat} tegen {other} nachten)",lower_on_mat_nights:"Slaapscore {difference} op matnachten (band {low} tot {high}, {mat} tegen {other} nachten)",no_clear_difference:"Nog te weinig nachten om iets te zeggen (band {low} tot {high}, {mat} tegen {other} nachten)",not_enough_nights:"Nog te weinig nachten om iets te zeggen ({mat} en {other} nachten)"},stats:{streak:"Reeks",streak_value_one:"{count} avond",streak_value_other:"{count} avonden",week:"Deze week"},countdown:{left:"resterend",of:"van {minutes} min · {area}",time_left:"Nog {minutes} min {seconds} s"},controls:{pause:"Pauze",resume:"Hervatten",extend:"+{minutes} min",extend_label:"{minutes} minuten toevoegen",extend_max:"Een sessie duurt hoogstens {max} minuten",stop:"Stoppen",stop_label:"De sessie stoppen"},rating:{title:"Hoe voelde dat?",subtitle:"Beoordeel de sessie die je net hebt afgerond.",star:"{rating} van 5: {word}",word_1:"Onprettig",word_2:"Oncomfortabel",word_3:"Oké",word_4:"Goed",word_5:"Heel goed",later:"Niet nu",thanks:"Bedankt, je beoordeling is opgeslagen."},errors:{no_entity:"Kies in de instellingen van de kaart de sessiesensor van de mat.",not_found:"{entity} is niet gevonden.",not_a_mat:"{entity} is niet de sessiesensor van een acupressuurmat.",unavailable:"De mat is niet beschikbaar.",dismiss:"Sluiten"},editor:{entity:"Mat (de sessiesensor)",name:"Titel (standaard: de naam van de mat)",show_presets:"Snelkeuzes en de aanbevolen duur",show_body_area:"Keuze van het lichaamsdeel",show_sleep:"Slaap van afgelopen nacht en het effect op de slaap",show_stats:"Reeks en minuten van deze week",show_rating:"Vraag om een beoordeling na een sessie"}}});function Tt(n){if(n&&n in ue)return n;let e=n?.split("-",1)[0];return e&&e in ue?e:"en"}function b(n,e,t={}){return(Nt(ue[Tt(n)],e)??Nt(ue.en,e)??e).replace(/\{(\w+)\}/g,(r,i)=>i in t?String(t[i]):r)}function Rt(n,e,t,s={}){let r=Tt(n),i=new Intl.PluralRules(r).select(t)==="one"?"one":"other";return b(r,`${e}_${i}`,{count:t,...s})}var ue,Nt,he=u(()=>{"use strict";yt();wt();$t();St();kt();ue={en:xt,de:vt,nl:Ct,fr:At,es:Et},Nt=(n,e)=>{let t=n;for(let s of e.split(".")){if(t===void 0||typeof t=="string")return;t=t[s]}return typeof t=="string"?t:void 0}});var H,me=u(()=>{"use strict";H=n=>e=>{customElements.get(n)||customElements.define(n,e)}});var X,ge,Z,J,M,ze,Lt,fe=u(()=>{"use strict";X="acupressure-mat-card",ge=`${X}-editor`,Z=[15,20,25,30,40],J=40,M=5,ze=30,Lt=4e3});function _e(n){if(!n||typeof n!="object")throw new Error("Invalid configuration");let e=n;if(typeof e.entity!="string")throw new Error("entity: the mat's session sensor (sensor.<mat>_session) is required");if(e.name!==void 0&&typeof e.name!="string")throw new Error("name must be text");for(let t of ee)if(e[t]!==void 0&&typeof e[t]!="boolean")throw new Error(`${t} must be true or false`);return e}var ee,y,Oe=u(()=>{"use strict";ee=["show_presets","show_body_area","show_sleep","show_stats","show_rating"],y=(n,e)=>n[e]!==!1});function Qt(n,e,t){n.dispatchEvent(new CustomEvent(e,{detail:t,bubbles:!0,composed:!0}))}var es=u(()=>{"use strict"});var ts={};is(ts,{MatCardEditor:()=>P});async function Rs(){if(customElements.get("ha-form"))return;await(await window.loadCardHelpers?.())?.createCardElement({type:"entities",entities:[]})?.constructor?.getConfigElement?.()}var Ts,P,ss=u(()=>{"use strict";G();de();ce();es();he();me();fe();Oe();Ts=[{name:"entity",required:!0,selector:{entity:{filter:{integration:A,domain:"sensor",device_class:"enum"}}}},{name:"name",selector:{text:{}}},{name:"",type:"grid",schema:ee.map(n=>({name:n,selector:{boolean:{}}}))}];P=class extends f{constructor(){super(...arguments);this.computeLabel=t=>b(this.hass?.locale?.language??this.hass?.language,`editor.${t.name}`)}connectedCallback(){super.connectedCallback(),Rs().then(()=>this.requestUpdate())}setConfig(t){this.config=_e(t)}render(){if(!this.hass||!this.config)return d;let t={...Object.fromEntries(ee.map(s=>[s,!0])),...this.config};return c`
      <ha-form
        .hass=${this.hass}
        .data=${t}
        .schema=${Ts}
        .computeLabel=${this.computeLabel}
        @value-changed=${this.valueChanged}
      ></ha-form>
    `}valueChanged(t){let s={...t.detail.value};for(let r of ee)s[r]===!0&&delete s[r];s.name||delete s.name,Qt(this,"config-changed",{config:s})}};m([x({attribute:!1})],P.prototype,"hass",2),m([$()],P.prototype,"config",2),P=m([H(ge)],P)});G();de();ce();ce();var mt="sensor.session",gt=(n,e)=>`${n.split(".",1)[0]}.${e}`;function Y(n,e){let t=n.entities[e];return t?.platform===A&&t.translation_key!==void 0&&gt(e,t.translation_key)===mt}function ft(n){return Object.keys(n.entities).filter(e=>Y(n,e))}function _t(n,e){if(!Y(n,e))return{};let t=n.entities[e]?.device_id,s={[mt]:e};if(t===void 0)return s;for(let r of Object.values(n.entities))r?.device_id===t&&r.platform===A&&r.translation_key&&(s[gt(r.entity_id,r.translation_key)]=r.entity_id);return s}function bt(n,e){let t=n.entities[e]?.device_id,s=t?n.devices[t]:void 0;return s?.name_by_user||s?.name||void 0}he();function Pe(n,e){if(!n)return;let t=Date.parse(n);if(!Number.isNaN(t))return Math.max(0,Math.ceil((t-e)/1e3))}function Mt(n){let e=Number(n);if(!(n==null||!Number.isFinite(e)))return Math.max(0,Math.round(e*60))}function Pt(n){let e=Math.max(0,Math.floor(n)),t=Math.floor(e/60),s=e%60;return`${String(t).padStart(2,"0")}:${String(s).padStart(2,"0")}`}function Dt(n,e){let t=Number(e)*60;return n===void 0||!Number.isFinite(t)||t<=0?0:Math.min(1,Math.max(0,n/t))}function zt(n,e){let t=Date.parse(n),s=t-e;if(Number.isNaN(t)||s<=0)return 1e3;let r=s%1e3;return(r===0?1e3:r)+5}var pe=class{constructor(e,t=Date.now){this.host=e;this.now=t;this.connected=!1;e.addController(this)}get seconds(){return Pe(this.endsAt,this.now())}get running(){return this.timer!==void 0}setEnd(e){e!==this.endsAt&&(this.endsAt=e,this.schedule())}hostConnected(){this.connected=!0,this.schedule()}hostDisconnected(){this.connected=!1,this.stop()}schedule(){if(this.stop(),!this.connected||this.endsAt===void 0)return;let e=this.endsAt;this.timer=setTimeout(()=>{this.timer=void 0,this.host.requestUpdate(),(Pe(e,this.now())??0)>0&&this.schedule()},zt(e,this.now()))}stop(){this.timer!==void 0&&(clearTimeout(this.timer),this.timer=void 0)}};G();de();me();var As="acupressure-mat-countdown-ring",De=45,Ot=2*Math.PI*De,R=class extends f{constructor(){super(...arguments);this.fraction=0;this.paused=!1}render(){let t=Ot*(1-this.fraction);return c`
      <svg viewBox="0 0 100 100" aria-hidden="true" focusable="false">
        ${tt`
          <circle class="track" cx="50" cy="50" r=${De}></circle>
          <circle
            class="progress"
            cx="50"
            cy="50"
            r=${De}
            stroke-dasharray=${Ot}
            stroke-dashoffset=${t}
          ></circle>
        `}
      </svg>
      <div class="center"><slot></slot></div>
    `}};R.styles=U`
    :host {
      display: grid;
      place-items: center;
      position: relative;
      width: var(--countdown-ring-size, 168px);
      aspect-ratio: 1;
    }
    svg {
      position: absolute;
      inset: 0;
      transform: rotate(-90deg);
    }
    circle {
      fill: none;
      stroke-width: 6;
    }
    .track {
      stroke: var(--divider-color, rgba(127, 127, 127, 0.3));
    }
    .progress {
      stroke: var(--primary-color);
      stroke-linecap: round;
      transition: stroke-dashoffset 0.9s linear;
    }
    :host([paused]) .progress {
      stroke: var(--disabled-text-color, var(--secondary-text-color));
    }
    .center {
      position: relative;
      text-align: center;
    }
    @media (prefers-reduced-motion: reduce) {
      .progress {
        transition: none;
      }
    }
  `,m([x({type:Number})],R.prototype,"fraction",2),m([x({type:Boolean,reflect:!0})],R.prototype,"paused",2),R=m([H(As)],R);function Ht(n){let e=window.customCards??=[];e.some(t=>t.type===n.type)||e.push(n)}me();fe();he();var ks=["not_enough_nights","higher_on_mat_nights","lower_on_mat_nights","no_clear_difference"],Cs=(n,e)=>new Intl.NumberFormat(n,{maximumFractionDigits:1,signDisplay:"exceptZero"}).format(e),Ut=(n,e)=>new Intl.NumberFormat(n,{maximumFractionDigits:1}).format(e);function It(n,e){let t=e?.attributes.verdict;if(!e||typeof t!="string"||!ks.includes(t))return;let s={mat:Number(e.attributes.mat_nights??0),other:Number(e.attributes.baseline_nights??0)},r=Number(e.state),i=e.attributes.band_low,o=e.attributes.band_high;return t==="not_enough_nights"||!Number.isFinite(r)||typeof i!="number"||typeof o!="number"?b(n,"evidence.not_enough_nights",s):b(n,`evidence.${t}`,{...s,difference:Cs(n,r),low:Ut(n,i),high:Ut(n,o)})}var Q=(n,e,t)=>new Intl.NumberFormat(n,{style:"unit",unit:e,unitDisplay:"short",maximumFractionDigits:0}).format(t);function Ft(n,e){return Q(n,"minute",Math.round(e))}function Bt(n,e){let t=Math.round(e),s=Math.floor(t/60),r=t%60;return s===0?Q(n,"minute",r):r===0?Q(n,"hour",s):`${Q(n,"hour",s)} ${Q(n,"minute",r)}`}function qt(n,e){return new Intl.NumberFormat(n,{maximumFractionDigits:1}).format(e)}var jt={sunday:0,monday:1,tuesday:2,wednesday:3,thursday:4,friday:5,saturday:6};function Wt(n,e){if(n&&n in jt)return jt[n];try{let t=new Intl.Locale(e),s=t.getWeekInfo?.()??t.weekInfo;if(s)return s.firstDay%7}catch{}return 1}function Vt(n,e){let t=new Date(n.getFullYear(),n.getMonth(),n.getDate()),s=(t.getDay()-e+7)%7;return t.setDate(t.getDate()-s),t}function Kt(n){let e=new Date(n.getTime()-108e5),t=s=>String(s).padStart(2,"0");return`${e.getFullYear()}-${t(e.getMonth()+1)}-${t(e.getDate())}`}Oe();G();var Gt=U`
  :host {
    display: block;
  }
  ha-card {
    height: 100%;
    box-sizing: border-box;
    padding: 16px;
    display: flex;
    flex-direction: column;
    gap: 16px;
  }
  .header {
    display: flex;
    align-items: center;
    gap: 12px;
    min-width: 0;
  }
  .header ha-icon {
    color: var(--state-icon-color, var(--primary-color));
    flex: none;
  }
  .title {
    margin: 0;
    font-size: var(--ha-font-size-l, 18px);
    font-weight: var(--ha-font-weight-medium, 500);
    line-height: 1.3;
    flex: 1;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .status {
    color: var(--secondary-text-color);
    font-size: var(--ha-font-size-s, 13px);
    flex: none;
  }
  section {
    display: flex;
    flex-direction: column;
    gap: 8px;
  }
  .section-head {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 8px;
    flex-wrap: wrap;
  }
  h3,
  legend {
    margin: 0;
    padding: 0;
    font-size: var(--ha-font-size-s, 13px);
    font-weight: var(--ha-font-weight-medium, 500);
    color: var(--secondary-text-color);
  }
  button {
    font: inherit;
    color: inherit;
    cursor: pointer;
    -webkit-tap-highlight-color: transparent;
  }
  button:disabled {
    cursor: default;
    opacity: 0.5;
  }
  button:focus-visible,
  .segment input:focus-visible + span {
    outline: 2px solid var(--primary-color);
    outline-offset: 2px;
  }
  .presets {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(56px, 1fr));
    gap: 8px;
  }
  .preset {
    position: relative;
    min-height: 48px;
    padding: 6px 4px;
    border-radius: 12px;
    border: 1px solid var(--divider-color);
    background: var(--secondary-background-color, transparent);
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    line-height: 1.1;
  }
  .preset .value {
    font-size: var(--ha-font-size-l, 18px);
    font-weight: var(--ha-font-weight-medium, 500);
  }
  .preset .unit {
    font-size: var(--ha-font-size-xs, 11px);
    color: var(--secondary-text-color);
  }
  .preset.recommended {
    border: 2px solid var(--primary-color);
    background: rgba(var(--rgb-primary-color, 3, 169, 244), 0.12);
  }
  @media (hover: hover) {
    .preset:not(:disabled):hover,
    .control:not(:disabled):hover {
      border-color: var(--primary-color);
    }
  }
  .preset .star {
    position: absolute;
    top: -9px;
    right: -6px;
    --mdc-icon-size: 18px;
    color: var(--primary-color);
    background: var(--ha-card-background, var(--card-background-color, white));
    border-radius: 50%;
  }
  .why {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    min-height: 32px;
    padding: 0 8px;
    border: none;
    border-radius: 16px;
    background: none;
    color: var(--primary-color);
    font-size: var(--ha-font-size-s, 13px);
    --mdc-icon-size: 18px;
  }
  .basis {
    margin: 0;
    padding: 8px 12px;
    border-radius: 8px;
    background: var(--secondary-background-color, transparent);
    color: var(--primary-text-color);
    font-size: var(--ha-font-size-s, 13px);
    line-height: 1.45;
  }
  fieldset {
    border: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: 8px;
    min-width: 0;
  }
  .segments {
    display: grid;
    grid-auto-flow: column;
    grid-auto-columns: 1fr;
    border: 1px solid var(--divider-color);
    border-radius: 12px;
    overflow: hidden;
  }
  .segment {
    position: relative;
    display: flex;
  }
  .segment + .segment {
    border-left: 1px solid var(--divider-color);
  }
  .segment input {
    position: absolute;
    opacity: 0;
    width: 100%;
    height: 100%;
    margin: 0;
    cursor: pointer;
  }
  .segment span {
    flex: 1;
    min-height: 44px;
    display: flex;
    align-items: center;
    justify-content: center;
    padding: 0 4px;
  }
  .segment input:checked + span {
    background: var(--primary-color);
    color: var(--text-primary-color, white);
  }
  .segment input:disabled + span {
    opacity: 0.5;
  }
  .facts {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(104px, 1fr));
    gap: 8px;
  }
  .fact {
    display: grid;
    grid-template-columns: auto 1fr;
    column-gap: 8px;
    align-items: center;
    padding: 8px 10px;
    border-radius: 12px;
    background: var(--secondary-background-color, transparent);
    --mdc-icon-size: 20px;
  }
  .fact ha-icon {
    grid-row: span 2;
    color: var(--secondary-text-color);
  }
  .fact .label {
    font-size: var(--ha-font-size-xs, 11px);
    color: var(--secondary-text-color);
  }
  .fact .value {
    font-weight: var(--ha-font-weight-medium, 500);
  }
  .session {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 12px;
  }
  .clock {
    font-size: 40px;
    font-weight: var(--ha-font-weight-medium, 500);
    font-variant-numeric: tabular-nums;
    line-height: 1.1;
  }
  .clock-sub,
  .plan {
    color: var(--secondary-text-color);
    font-size: var(--ha-font-size-s, 13px);
  }
  .controls {
    display: flex;
    gap: 8px;
    width: 100%;
    justify-content: center;
    flex-wrap: wrap;
  }
  .control {
    flex: 1 1 0;
    max-width: 160px;
    min-height: 44px;
    padding: 0 12px;
    border-radius: 22px;
    border: 1px solid var(--divider-color);
    background: var(--secondary-background-color, transparent);
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 6px;
    white-space: nowrap;
    --mdc-icon-size: 20px;
  }
  .control.primary {
    border-color: var(--primary-color);
    background: var(--primary-color);
    color: var(--text-primary-color, white);
  }
  .control.stop {
    color: var(--error-color);
  }
  .rating {
    align-items: center;
    text-align: center;
  }
  .rating h3 {
    font-size: var(--ha-font-size-m, 15px);
    color: var(--primary-text-color);
  }
  .rating p {
    margin: 0;
    color: var(--secondary-text-color);
    font-size: var(--ha-font-size-s, 13px);
  }
  .stars {
    display: flex;
    gap: 4px;
    justify-content: center;
  }
  .star-button {
    min-width: 48px;
    min-height: 48px;
    border: none;
    border-radius: 24px;
    background: none;
    color: var(--primary-color);
    display: inline-flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    --mdc-icon-size: 28px;
  }
  .star-button .number {
    font-size: var(--ha-font-size-xs, 11px);
    color: var(--secondary-text-color);
  }
  .later {
    min-height: 36px;
    border: none;
    background: none;
    color: var(--secondary-text-color);
    text-decoration: underline;
  }
  .thanks {
    text-align: center;
    color: var(--primary-text-color);
  }
  .error,
  .warning {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 8px 12px;
    border-radius: 8px;
    --mdc-icon-size: 20px;
  }
  .error {
    color: var(--error-color);
    background: rgba(var(--rgb-error-color, 219, 68, 55), 0.12);
  }
  .warning {
    color: var(--warning-color, var(--error-color));
  }
  .error span {
    flex: 1;
  }
  .error button {
    min-width: 36px;
    min-height: 36px;
    border: none;
    background: none;
    color: inherit;
    --mdc-icon-size: 18px;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;fe();function He(n){return n===void 0?"missing":n==="idle"||n==="running"||n==="paused"?n:"unavailable"}function be(n){switch(n){case"idle":return["presets","body_area"];case"running":return["pause","extend","stop"];case"paused":return["resume","stop"];default:return[]}}function Yt(n){let e=Number(n);return Number.isFinite(e)&&e+M<=J}function Xt(n){let e=Number(n),t=n!==null&&n!==""&&Number.isInteger(e)&&e>=Z[0]&&e<=J;return(t&&!Z.includes(e)?[...Z,e].sort((r,i)=>r-i):[...Z]).map(r=>({minutes:r,recommended:t&&r===e}))}var Ns=new Set(["completed","stopped_early"]);function Zt(n,e,t,s){if(!n||!e)return;let{event_type:r,session_id:i,false_start:o,rating:a}=n.attributes;if(typeof r!="string"||!Ns.has(r)||typeof i!="string"||o===!0||a!=null||s.has(i)||e.session_id!==i||e.rating!==null)return;let l=Date.parse(n.state);if(!(Number.isNaN(l)||t-l>ze*6e4))return i}function Jt(n,e){return Math.max(0,Date.parse(n.state)+ze*6e4-e)}var ns=document.documentElement.lang||navigator.language;Ht({type:X,name:b(ns,"card.name"),description:b(ns,"card.description"),preview:!0,documentationURL:"https://github.com/acupressure-mat/ha-acupressure-mat#dashboard"});var Le=new Set,Ms=["sensor.session","sensor.session_end","sensor.recommended_duration","sensor.streak_days","sensor.sleep_effect","select.body_area","event.activity"],_=class extends f{constructor(){super(...arguments);this.busy=!1;this.showBasis=!1;this.thanks=!1;this.countdown=new pe(this)}static async getConfigElement(){return await Promise.resolve().then(()=>(ss(),ts)),document.createElement(ge)}static getStubConfig(t){return{type:`custom:${X}`,entity:ft(t)[0]??""}}setConfig(t){this.config=_e(t)}getCardSize(){return 6}getGridOptions(){return{columns:12,rows:"auto",min_columns:6}}connectedCallback(){super.connectedCallback(),this.updateSubscription()}disconnectedCallback(){super.disconnectedCallback(),this.closeSubscription(),clearTimeout(this.ratingTimer),clearTimeout(this.thanksTimer),this.thanks=!1}get language(){return this.hass?.locale?.language??this.hass?.language??"en"}get entities(){return this.hass&&this.config?_t(this.hass,this.config.entity):{}}t(t,s){return b(this.language,t,s)}stateOf(t){let s=this.entities[t];return s?this.hass?.states[s]:void 0}shouldUpdate(t){let s=t.get("hass");if(t.size!==1||!s||!this.hass)return!0;let r=this.hass;if(s.entities!==r.entities||s.devices!==r.devices||s.locale!==r.locale||s.language!==r.language)return!0;let i=this.entities;return[this.config?.entity,...Ms.map(a=>i[a])].some(a=>a!==void 0&&s.states[a]!==r.states[a])}willUpdate(){let t=this.config?this.hass?.states[this.config.entity]:void 0,s=He(t?.state)==="running",r=this.stateOf("sensor.session_end")?.state;this.countdown.setEnd(s&&r&&!Number.isNaN(Date.parse(r))?r:void 0),this.updateSubscription()}updated(){this.scheduleRatingExpiry()}updateSubscription(){let t=this.hass,s=this.config;if(!(this.isConnected&&t!==void 0&&s!==void 0&&Y(t,s.entity)&&(y(s,"show_sleep")||y(s,"show_stats")||y(s,"show_rating")))){this.closeSubscription();return}let i=new Date,o=Vt(i,Wt(t.locale?.first_weekday,this.language)),a=`${s.entity}|${o.toISOString()}|${Kt(i)}`;a!==this.subscriptionKey&&(this.closeSubscription(),this.subscriptionKey=a,this.subscription=t.connection.subscribeMessage(l=>{this.summary=l},{type:`${A}/card/subscribe`,entity_id:s.entity,week_start:o.toISOString()}),this.subscription.catch(()=>{}))}closeSubscription(){let t=this.subscription;this.subscription=void 0,this.subscriptionKey=void 0,this.summary=void 0,t?.then(s=>s()).catch(()=>{})}scheduleRatingExpiry(){clearTimeout(this.ratingTimer);let t=this.stateOf("event.activity");t&&this.dueRating()!==void 0&&(this.ratingTimer=setTimeout(()=>this.requestUpdate(),Jt(t,Date.now())+50))}dueRating(){if(!(!this.config||!y(this.config,"show_rating")))return Zt(this.stateOf("event.activity"),this.summary?.latest,Date.now(),Le)}async call(t,s,r,i){if(!this.hass)return!1;this.busy=!0,this.error=void 0;try{return await this.hass.callService(t,s,r,{entity_id:i},!1),!0}catch(o){return this.error=await this.refusalText(o),!1}finally{this.busy=!1}}callMat(t,s={}){return this.call(A,t,s,this.config.entity)}async refusalText(t){let{translation_domain:s,translation_key:r}=t??{};if(this.hass&&s&&r)try{let o=(await this.hass.loadBackendTranslation("exceptions",s))(`component.${s}.exceptions.${r}.message`,t.translation_placeholders);if(o)return o}catch{}return t?.message??String(t)}start(t){let s=this.stateOf("select.body_area"),r=s?.attributes.options,i={duration:t};s&&Array.isArray(r)&&r.includes(s.state)&&(i.body_area=s.state),this.callMat("start_session",i)}chooseBodyArea(t,s){this.call("select","select_option",{option:s},t)}async rate(t,s){await this.callMat("rate_session",{rating:s,session_id:t})&&(Le.add(t),this.thanks=!0,clearTimeout(this.thanksTimer),this.thanksTimer=setTimeout(()=>{this.thanks=!1},Lt))}later(t){Le.add(t),this.requestUpdate()}render(){let t=this.hass,s=this.config;if(!t||!s)return d;if(!s.entity)return this.renderWarning(this.t("errors.no_entity"));let r=t.states[s.entity];if(!r)return this.renderWarning(this.t("errors.not_found",{entity:s.entity}));if(!Y(t,s.entity))return this.renderWarning(this.t("errors.not_a_mat",{entity:s.entity}));let i=He(r.state),o;return i==="running"?o=this.renderRunning(r):i==="paused"?o=this.renderPaused(r):i==="idle"?o=this.renderIdle():o=c`<p class="warning">${this.t("errors.unavailable")}</p>`,c`
      <ha-card>
        ${this.renderHeader(r,i)} ${o} ${this.renderError()}
      </ha-card>
    `}renderWarning(t){return c`
      <ha-card>
        <div class="warning" role="alert">
          <ha-icon icon="mdi:alert-outline"></ha-icon><span>${t}</span>
        </div>
      </ha-card>
    `}renderHeader(t,s){let r=this.config?.name||bt(this.hass,t.entity_id)||this.t("card.name"),i=this.hass?.formatEntityState?.(t)??(s==="idle"||s==="running"||s==="paused"?this.t(`status.${s}`):t.state);return c`
      <div class="header">
        <ha-icon icon="mdi:meditation"></ha-icon>
        <h2 class="title">${r}</h2>
        <span class="status">${i}</span>
      </div>
    `}renderIdle(){let t=this.config,s=this.dueRating(),r=d;if(this.thanks)r=c`<p class="thanks" role="status">${this.t("rating.thanks")}</p>`;else if(s!==void 0)r=this.renderRating(s);else{let o=be("idle");r=c`
        ${o.includes("presets")&&y(t,"show_presets")?this.renderPresets():d}
        ${o.includes("body_area")&&y(t,"show_body_area")?this.renderBodyArea():d}
      `}let i=[y(t,"show_sleep")?this.renderSleep():d,y(t,"show_sleep")?this.renderEvidence():d,...y(t,"show_stats")?this.renderStats():[]];return c`
      ${r}
      ${i.some(o=>o!==d)?c`<div class="facts">${i}</div>`:d}
    `}renderPresets(){let t=this.stateOf("sensor.recommended_duration"),s=Xt(t?.state),r=s.find(a=>a.recommended),i=t?.attributes.basis,o=r&&typeof i=="string"?this.t(`basis.${i}`,{nights:Number(t?.attributes.nights??0)}):void 0;return c`
      <section aria-labelledby="presets-title">
        <div class="section-head">
          <h3 id="presets-title">${this.t("presets.title")}</h3>
          ${r&&o?c`<button
                class="why"
                aria-expanded=${this.showBasis?"true":"false"}
                aria-controls="basis"
                @click=${()=>{this.showBasis=!this.showBasis}}
              >
                <ha-icon icon="mdi:information-outline"></ha-icon>
                ${this.t("presets.why",{minutes:r.minutes})}
              </button>`:d}
        </div>
        <div class="presets">
          ${s.map(a=>c`
              <button
                class="preset ${a.recommended?"recommended":""}"
                ?disabled=${this.busy}
                title=${a.recommended&&o?`${this.t("presets.recommended")}: ${o}`:this.t("presets.start",{minutes:a.minutes})}
                aria-label=${this.t(a.recommended?"presets.start_recommended":"presets.start",{minutes:a.minutes})}
                @click=${()=>this.start(a.minutes)}
              >
                <span class="value" aria-hidden="true">${a.minutes}</span>
                <span class="unit" aria-hidden="true">${this.t("presets.unit")}</span>
                ${a.recommended?c`<ha-icon class="star" icon="mdi:star-circle"></ha-icon>`:d}
              </button>
            `)}
        </div>
        <p id="basis" class="basis" ?hidden=${!(this.showBasis&&o)}>${o??""}</p>
      </section>
    `}areaName(t){let s=String(t??""),r=`body_area.${s}`,i=this.t(r);return i===r?s:i}renderBodyArea(){let t=this.stateOf("select.body_area"),s=t?.attributes.options;return!t||!Array.isArray(s)?d:c`
      <fieldset>
        <legend>${this.t("body_area.title")}</legend>
        <div class="segments">
          ${s.map(r=>c`
              <label class="segment">
                <input
                  type="radio"
                  name="body-area"
                  .checked=${t.state===r}
                  ?disabled=${this.busy}
                  @change=${()=>this.chooseBodyArea(t.entity_id,r)}
                />
                <span>${this.areaName(r)}</span>
              </label>
            `)}
        </div>
      </fieldset>
    `}renderSleep(){let t=this.summary?.sleep;if(!t)return d;let s=this.language,r=[];return t.score!==null&&r.push(this.t("sleep.score",{score:qt(s,t.score)})),t.duration_minutes!==null&&r.push(this.t("sleep.duration",{duration:Bt(s,t.duration_minutes)})),this.renderFact("mdi:sleep",this.t("sleep.title"),r.join(" · ")||this.t("sleep.none"))}renderEvidence(){let t=It(this.language,this.stateOf("sensor.sleep_effect"));return t?this.renderFact("mdi:scale-balance",this.t("evidence.title"),t):d}renderStats(){let t=[],s=Number(this.stateOf("sensor.streak_days")?.state);return Number.isFinite(s)&&t.push(this.renderFact("mdi:fire",this.t("stats.streak"),Rt(this.language,"stats.streak_value",s))),this.summary&&t.push(this.renderFact("mdi:calendar-week",this.t("stats.week"),Ft(this.language,this.summary.week_minutes))),t}renderFact(t,s,r){return c`
      <div class="fact">
        <ha-icon icon=${t}></ha-icon>
        <span class="label">${s}</span>
        <span class="value">${r}</span>
      </div>
    `}renderClock(t,s,r){let i=t===void 0?"":this.t("countdown.time_left",{minutes:Math.floor(t/60),seconds:t%60});return c`
      <acupressure-mat-countdown-ring .fraction=${Dt(t,s)} ?paused=${r}>
        <div class="clock" role="timer" aria-label=${i}>
          ${t===void 0?"--:--":Pt(t)}
        </div>
        <div class="clock-sub">${r?this.t("status.paused"):this.t("countdown.left")}</div>
      </acupressure-mat-countdown-ring>
    `}renderPlan(t){return c`<div class="plan">
      ${this.t("countdown.of",{minutes:String(t.attributes.planned_minutes??""),area:this.areaName(t.attributes.body_area)})}
    </div>`}renderRunning(t){let s=t.attributes.planned_minutes,r=Yt(s),i=be("running");return c`
      <div class="session">
        ${this.renderClock(this.countdown.seconds,s,!1)} ${this.renderPlan(t)}
        <div class="controls">
          ${i.includes("pause")?c`<button class="control primary" ?disabled=${this.busy} @click=${()=>this.callMat("pause_session")}>
                <ha-icon icon="mdi:pause"></ha-icon>${this.t("controls.pause")}
              </button>`:d}
          ${i.includes("extend")?c`<button
                class="control"
                ?disabled=${this.busy||!r}
                aria-label=${this.t("controls.extend_label",{minutes:M})}
                title=${r?this.t("controls.extend_label",{minutes:M}):this.t("controls.extend_max",{max:J})}
                @click=${()=>this.callMat("extend_session",{minutes:M})}
              >
                <ha-icon icon="mdi:timer-plus-outline"></ha-icon>${this.t("controls.extend",{minutes:M})}
              </button>`:d}
          ${i.includes("stop")?this.renderStop():d}
        </div>
      </div>
    `}renderPaused(t){let s=be("paused");return c`
      <div class="session">
        ${this.renderClock(Mt(t.attributes.remaining_minutes),t.attributes.planned_minutes,!0)}
        ${this.renderPlan(t)}
        <div class="controls">
          ${s.includes("resume")?c`<button class="control primary" ?disabled=${this.busy} @click=${()=>this.callMat("resume_session")}>
                <ha-icon icon="mdi:play"></ha-icon>${this.t("controls.resume")}
              </button>`:d}
          ${s.includes("stop")?this.renderStop():d}
        </div>
      </div>
    `}renderStop(){return c`<button
      class="control stop"
      ?disabled=${this.busy}
      aria-label=${this.t("controls.stop_label")}
      @click=${()=>this.callMat("stop_session")}
    >
      <ha-icon icon="mdi:stop"></ha-icon>${this.t("controls.stop")}
    </button>`}renderRating(t){return c`
      <section class="rating" aria-labelledby="rating-title">
        <h3 id="rating-title">${this.t("rating.title")}</h3>
        <p>${this.t("rating.subtitle")}</p>
        <div class="stars" role="group" aria-labelledby="rating-title">
          ${[1,2,3,4,5].map(s=>{let r=this.t("rating.star",{rating:s,word:this.t(`rating.word_${s}`)});return c`
              <button
                class="star-button"
                ?disabled=${this.busy}
                aria-label=${r}
                title=${r}
                @click=${()=>this.rate(t,s)}
              >
                <ha-icon icon="mdi:star-outline"></ha-icon>
                <span class="number" aria-hidden="true">${s}</span>
              </button>
            `})}
        </div>
        <button class="later" @click=${()=>this.later(t)}>${this.t("rating.later")}</button>
      </section>
    `}renderError(){return this.error?c`
      <div class="error" role="alert">
        <ha-icon icon="mdi:alert-circle-outline"></ha-icon>
        <span>${this.error}</span>
        <button
          aria-label=${this.t("errors.dismiss")}
          @click=${()=>{this.error=void 0}}
        >
          <ha-icon icon="mdi:close"></ha-icon>
        </button>
      </div>
    `:d}};_.styles=Gt,m([x({attribute:!1})],_.prototype,"hass",2),m([$()],_.prototype,"config",2),m([$()],_.prototype,"error",2),m([$()],_.prototype,"busy",2),m([$()],_.prototype,"showBasis",2),m([$()],_.prototype,"summary",2),m([$()],_.prototype,"thanks",2),_=m([H(X)],_);
/*! Bundled license information:

@lit/reactive-element/css-tag.js:
  (**
   * @license
   * Copyright 2019 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)

@lit/reactive-element/reactive-element.js:
lit-html/lit-html.js:
lit-element/lit-element.js:
@lit/reactive-element/decorators/custom-element.js:
@lit/reactive-element/decorators/property.js:
@lit/reactive-element/decorators/state.js:
@lit/reactive-element/decorators/event-options.js:
@lit/reactive-element/decorators/base.js:
@lit/reactive-element/decorators/query.js:
@lit/reactive-element/decorators/query-all.js:
@lit/reactive-element/decorators/query-async.js:
@lit/reactive-element/decorators/query-assigned-nodes.js:
  (**
   * @license
   * Copyright 2017 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)

lit-html/is-server.js:
  (**
   * @license
   * Copyright 2022 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)

@lit/reactive-element/decorators/query-assigned-elements.js:
  (**
   * @license
   * Copyright 2021 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)
*/
